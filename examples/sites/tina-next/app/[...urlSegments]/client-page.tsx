"use client";
import { useTina } from "tinacms/dist/react";
import { TinaMarkdown } from "tinacms/dist/rich-text";
import { Blocks } from "@/components/blocks";
import type { PageQuery } from "@/tina/__generated__/types";

export interface ClientPageProps {
  data: { page: PageQuery["page"] };
  variables: { relativePath: string };
  query: string;
}

export default function ClientPage(props: ClientPageProps) {
  const { data } = useTina({ ...props });
  if (data.page.blocks) return <Blocks {...data.page} />;
  return (
    <article className="prose mx-auto max-w-3xl px-6 py-16 dark:prose-invert">
      <TinaMarkdown content={data.page.body} />
    </article>
  );
}
