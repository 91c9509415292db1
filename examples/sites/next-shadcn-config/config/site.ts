import { SiteConfig } from "types"

export const siteConfig: SiteConfig = {
  name: "Acme Docs",
  description: "Documentation your whole team can edit, built with Next.js 13.",
  url: "https://docs.acme.example",
  links: {
    twitter: "https://twitter.com/acme",
    github: "https://github.com/acme/docs",
  },
}
