import { tinaField } from "tinacms/dist/react";
import type { PageBlocksFeatures } from "@/tina/__generated__/types";

export const Features = ({ data }: { data: PageBlocksFeatures }) => {
  return (
    <section className="bg-gray-50 py-20 dark:bg-gray-900">
      <div className="mx-auto max-w-5xl px-6">
        <h2 data-tina-field={tinaField(data, "title")} className="text-center text-3xl font-bold">
          {data.title}
        </h2>
        <div className="mt-12 grid gap-8 md:grid-cols-3">
          {data.items?.map((item, i) => (
            <div key={i} data-tina-field={tinaField(item)} className="rounded-xl bg-white p-6 shadow-sm dark:bg-gray-800">
              <h3 className="text-lg font-semibold">{item!.title}</h3>
              <p className="mt-2 text-gray-600 dark:text-gray-300">{item!.text}</p>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
};
