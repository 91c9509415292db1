import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

// Runs in Node.js: no browser APIs or JSX here.

const config: Config = {
  title: 'Lumen',
  tagline: 'Tracing and logs for teams that deploy every day',
  favicon: 'img/favicon.ico',

  url: 'https://docs.lumen.dev',
  baseUrl: '/',

  organizationName: 'lumen-hq',
  projectName: 'lumen-docs',

  onBrokenLinks: 'throw',
  onBrokenMarkdownLinks: 'warn',

  i18n: {
    defaultLocale: 'en',
    locales: ['en'],
  },

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          editUrl: 'https://github.com/lumen-hq/lumen-docs/tree/main/',
        },
        blog: {
          showReadingTime: true,
          feedOptions: {type: ['rss', 'atom'], xslt: true},
          editUrl: 'https://github.com/lumen-hq/lumen-docs/tree/main/',
        },
        theme: {
          customCss: './src/css/custom.css',
        },
      } satisfies Preset.Options,
    ],
  ],

  themeConfig: {
    image: 'img/lumen-social-card.png',
    colorMode: {
      respectPrefersColorScheme: true,
    },
    navbar: {
      title: 'Lumen',
      logo: {
        alt: 'Lumen logo',
        src: 'img/logo.svg',
      },
      items: [
        {
          type: 'docSidebar',
          sidebarId: 'docsSidebar',
          position: 'left',
          label: 'Docs',
        },
        {to: '/blog', label: 'Changelog', position: 'left'},
        {to: '/pricing', label: 'Pricing', position: 'left'},
        {
          type: 'dropdown',
          label: 'Community',
          position: 'left',
          items: [
            {label: 'Discord', href: 'https://discord.gg/lumen'},
            {label: 'Forum', href: 'https://forum.lumen.dev'},
          ],
        },
        {
          href: 'https://github.com/lumen-hq/lumen',
          label: 'GitHub',
          position: 'right',
        },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Docs',
          items: [
            {label: 'Quick start', to: '/docs/intro'},
            {label: 'Pricing', to: '/pricing'},
          ],
        },
        {
          title: 'Community',
          items: [
            {label: 'Discord', href: 'https://discord.gg/lumen'},
            {label: 'Stack Overflow', href: 'https://stackoverflow.com/questions/tagged/lumen'},
          ],
        },
        {
          title: 'Company',
          items: [
            {label: 'Changelog', to: '/blog'},
            {label: 'Contact', href: 'mailto:support@lumen.dev'},
          ],
        },
      ],
      copyright: `Copyright © ${new Date().getFullYear()} Lumen Observability, Inc. Built with Docusaurus.`,
    },
    prism: {
      theme: prismThemes.github,
      darkTheme: prismThemes.dracula,
      additionalLanguages: ['bash', 'json'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
