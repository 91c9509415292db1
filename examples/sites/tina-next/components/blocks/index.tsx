import { tinaField } from "tinacms/dist/react";
import type { Page } from "@/tina/__generated__/types";
import { Hero } from "./hero";
import { Features } from "./features";

export const Blocks = (props: Omit<Page, "id" | "_sys" | "_values">) => {
  return (
    <>
      {props.blocks
        ? props.blocks.map(function (block, i) {
            switch (block.__typename) {
              case "PageBlocksHero":
                return (
                  <div data-tina-field={tinaField(block)} key={i + block.__typename}>
                    <Hero data={block} />
                  </div>
                );
              case "PageBlocksFeatures":
                return (
                  <div data-tina-field={tinaField(block)} key={i + block.__typename}>
                    <Features data={block} />
                  </div>
                );
              default:
                return null;
            }
          })
        : null}
    </>
  );
};
