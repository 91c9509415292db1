import Link from "next/link";
import { tinaField } from "tinacms/dist/react";
import type { PageBlocksHero } from "@/tina/__generated__/types";

export const Hero = ({ data }: { data: PageBlocksHero }) => {
  return (
    <section className="mx-auto max-w-5xl px-6 py-24 text-center">
      <h1 data-tina-field={tinaField(data, "headline")} className="text-5xl font-bold tracking-tight md:text-6xl">
        {data.headline}
      </h1>
      {data.tagline && (
        <p data-tina-field={tinaField(data, "tagline")} className="mx-auto mt-6 max-w-2xl text-lg text-gray-600 dark:text-gray-300">
          {data.tagline}
        </p>
      )}
      <div className="mt-10 flex justify-center gap-4">
        {data.actions?.map((action) => (
          <Link
            key={action!.label}
            href={action!.link!}
            data-tina-field={tinaField(action)}
            className={action!.type === "button" ? "rounded-full bg-teal-600 px-6 py-3 font-semibold text-white hover:bg-teal-700" : "px-6 py-3 font-semibold text-teal-700 hover:underline"}
          >
            {action!.label}
          </Link>
        ))}
      </div>
    </section>
  );
};
