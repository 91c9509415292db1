import React, { type PropsWithChildren } from "react";
import client from "@/tina/__generated__/client";
import { LayoutProvider } from "./layout-context";
import { Header } from "./nav/header";
import { Footer } from "./nav/footer";

type LayoutProps = PropsWithChildren & { rawPageData?: unknown };

export default async function Layout({ children, rawPageData }: LayoutProps) {
  const { data: globalData } = await client.queries.global({ relativePath: "index.json" });

  return (
    <LayoutProvider globalSettings={globalData.global} pageData={rawPageData}>
      <Header />
      <main className="pt-16">{children}</main>
      <Footer />
    </LayoutProvider>
  );
}
