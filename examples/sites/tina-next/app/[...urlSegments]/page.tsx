import React from "react";
import client from "@/tina/__generated__/client";
import Layout from "@/components/layout/layout";
import ClientPage from "./client-page";

export const revalidate = 300;

export default async function Page({ params }: { params: Promise<{ urlSegments: string[] }> }) {
  const { urlSegments } = await params;
  const data = await client.queries.page({ relativePath: `${urlSegments.join("/")}.mdx` });

  return (
    <Layout rawPageData={data}>
      <ClientPage {...data} />
    </Layout>
  );
}
