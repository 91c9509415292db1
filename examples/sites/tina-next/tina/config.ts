import { defineConfig } from "tinacms";

const action = { type: "object", label: "Actions", name: "actions", list: true, fields: [
  { type: "string", label: "Label", name: "label" },
  { type: "string", label: "Type", name: "type", options: ["button", "link"] },
  { type: "string", label: "Link", name: "link" },
] };

export default defineConfig({
  branch: process.env.NEXT_PUBLIC_TINA_BRANCH || "main",
  clientId: process.env.NEXT_PUBLIC_TINA_CLIENT_ID,
  token: process.env.TINA_TOKEN,
  build: { outputFolder: "admin", publicFolder: "public" },
  media: { tina: { mediaRoot: "uploads", publicFolder: "public" } },
  schema: {
    collections: [
      {
        label: "Pages",
        name: "page",
        path: "content/pages",
        format: "mdx",
        fields: [
          { type: "string", label: "Title", name: "title", isTitle: true, required: true },
          {
            type: "object",
            list: true,
            name: "blocks",
            label: "Sections",
            templates: [
              { name: "hero", label: "Hero", fields: [
                { type: "string", label: "Headline", name: "headline" },
                { type: "string", label: "Tagline", name: "tagline" },
                action,
              ] },
              { name: "features", label: "Features", fields: [
                { type: "string", label: "Title", name: "title" },
                { type: "object", label: "Feature items", name: "items", list: true, fields: [
                  { type: "string", label: "Title", name: "title" },
                  { type: "string", label: "Text", name: "text", ui: { component: "textarea" } },
                ] },
              ] },
            ],
          },
          { type: "rich-text", label: "Body", name: "body", isBody: true },
        ],
        ui: {
          router: ({ document }) => (document._sys.filename === "home" ? "/" : `/${document._sys.filename}`),
        },
      },
      {
        label: "Global",
        name: "global",
        path: "content/global",
        format: "json",
        ui: { global: true, allowedActions: { create: false, delete: false } },
        fields: [
          { type: "object", label: "Header", name: "header", fields: [
            { type: "string", label: "Name", name: "name" },
            { type: "object", label: "Nav links", name: "nav", list: true, fields: [
              { type: "string", label: "Link", name: "href" },
              { type: "string", label: "Label", name: "label" },
            ] },
          ] },
          { type: "object", label: "Footer", name: "footer", fields: [
            { type: "object", label: "Social links", name: "social", fields: [
              { type: "string", label: "GitHub", name: "github" },
              { type: "string", label: "Mastodon", name: "mastodon" },
            ] },
          ] },
          { type: "object", label: "Theme", name: "theme", fields: [
            { type: "string", label: "Primary colour", name: "color", options: ["blue", "teal", "green", "red", "pink", "purple", "orange", "yellow"] },
            { type: "string", label: "Dark mode", name: "darkMode", options: ["system", "light", "dark"] },
          ] },
        ],
      },
    ],
  },
});
