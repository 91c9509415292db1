import { defineConfig } from 'vitepress'

// https://vitepress.dev/reference/site-config
export default defineConfig({
  title: "Quillkit",
  description: "A tiny rich-text editor for forms.",
  themeConfig: {
    // https://vitepress.dev/reference/default-theme-config
    nav: [
      { text: 'Home', link: '/' },
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Changelog', link: 'https://github.com/quillkit/quillkit/releases' }
    ],

    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Toolbar', link: '/guide/toolbar' }
        ]
      }
    ],

    socialLinks: [
      { icon: 'github', link: 'https://github.com/quillkit/quillkit' }
    ],

    footer: {
      message: 'Released under the MIT License.',
      copyright: 'Copyright © 2024-present Quillkit contributors'
    }
  }
})
