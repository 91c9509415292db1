import { parse as parseScript } from '@babel/parser';
import { changedLines, seedSiteFromFiles, shown, uxContext, uxRequest, viteReactSite, type FixtureRepo } from '../../../support/ux-fixture-repo';

/**
 * Links, component trees and template edits on every stack, each on a small site written the
 * way the stack's starters and themes write it, driven through the real agent into a real git
 * repository: what is committed, asked or refused is what a person would see.
 */
const parsesAsTypeScript = (source: string) => parseScript(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });

async function withSite(files: Record<string, string>, run: (repo: FixtureRepo) => Promise<void>): Promise<void> {
  const { repo, cleanup } = await seedSiteFromFiles(files);
  try {
    await run(repo);
  } finally {
    cleanup();
  }
}

/** A Docusaurus site as `create-docusaurus` writes it: the navbar's items in the config, a dropdown among them. */
const DOCUSAURUS_CONFIG = `import type {Config} from '@docusaurus/types';

const config: Config = {
  title: 'Lumen',
  tagline: 'Tracing for teams that deploy every day',
  url: 'https://docs.lumen.dev',
  baseUrl: '/',
  themeConfig: {
    navbar: {
      title: 'Lumen',
      items: [
        {
          type: 'docSidebar',
          sidebarId: 'tutorialSidebar',
          position: 'left',
          label: 'Tutorial',
        },
        {to: '/blog', label: 'Blog', position: 'left'},
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
          href: 'https://github.com/lumen/lumen',
          label: 'GitHub',
          position: 'right',
        },
      ],
    },
    footer: {
      links: [
        {
          title: 'Docs',
          items: [{label: 'Tutorial', to: '/docs/intro'}],
        },
        {
          title: 'More',
          items: [
            {label: 'Blog', to: '/blog'},
            {label: 'GitHub', href: 'https://github.com/lumen/lumen'},
          ],
        },
      ],
      copyright: \`Copyright © \${new Date().getFullYear()} Lumen, Inc.\`,
    },
  },
};

export default config;
`;

const DOCUSAURUS_HOME = `import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

export default function Home() {
  const {siteConfig} = useDocusaurusContext();
  return (
    <Layout title={siteConfig.title}>
      <header className="hero hero--primary">
        <div className="container">
          <h1 className="hero__title">{siteConfig.title}</h1>
          <p className="hero__subtitle">{siteConfig.tagline}</p>
          <Link className="button button--secondary button--lg" to="/docs/intro">Start the tutorial</Link>
        </div>
      </header>
    </Layout>
  );
}
`;

const docusaurusSite = (config = DOCUSAURUS_CONFIG) => ({
  'package.json': '{"dependencies":{"@docusaurus/core":"3.5.2","react":"18"}}\n',
  'docusaurus.config.ts': config,
  'src/pages/index.tsx': DOCUSAURUS_HOME,
});

describe('Docusaurus navbar items', () => {
  it('adds a link as a plain `to` entry, separated like the array separates its elements, when a dropdown sits between the last two links', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'add a link "Showcase" to /showcase in the navbar' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({
        removed: [],
        added: ["        {to: '/showcase', label: 'Showcase', position: 'left'},"],
      });
      expect(() => parsesAsTypeScript(after)).not.toThrow();
    });
  });

  it('renames a docSidebar item by its label, and nothing else', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'rename the Tutorial link in the navbar to Guides' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({ removed: ["          label: 'Tutorial',"], added: ["          label: 'Guides',"] });
    });
  });

  it('removes a docSidebar item whole, the next item moving up to its place', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'remove the Tutorial link from the navbar' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({
        removed: ['        {', "          type: 'docSidebar',", "          sidebarId: 'tutorialSidebar',", "          position: 'left',", "          label: 'Tutorial',", '        },'],
        added: [],
      });
      expect(() => parsesAsTypeScript(after)).not.toThrow();
    });
  });

  it('names every footer column and its links when the link to remove is in none of them', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const outcome = await repo.propose({ command: 'section:footer remove-link:"Careers"' });
      expect(outcome.kind).toBe('rejected');
      const text = shown(outcome);
      expect(text).toContain('footer column "Docs" (Tutorial); footer column "More" (Blog, GitHub)');
      expect(text).toContain('footer column "More" (Blog, GitHub)');
    });
  });
});

/**
 * An AstroWind-style site (the most used Astro theme): the layout spreads data objects into its
 * header and footer (`<Header {...headerData} />`), the links pass their paths through the
 * theme's helpers (`getPermalink('/about')`, `getBlogPermalink()`), and the header renders an
 * `actions` array of buttons outside its <nav>.
 */
const ASTROWIND_NAVIGATION = `import { getPermalink, getBlogPermalink } from './utils/permalinks';

export const headerData = {
  links: [
    { text: 'Services', href: getPermalink('/services') },
    { text: 'About', href: getPermalink('/about') },
    { text: 'Blog', href: getBlogPermalink() },
    { text: 'Contact', href: getPermalink('/contact') },
  ],
  actions: [{ text: 'Download', href: 'https://github.com/acme/site', target: '_blank' }],
};

export const footerData = {
  secondaryLinks: [
    { text: 'Terms', href: getPermalink('/terms') },
    { text: 'Privacy Policy', href: getPermalink('/privacy') },
  ],
  footNote: 'Made by Acme · All rights reserved.',
};
`;

const ASTROWIND_HEADER = `---
import Button from '~/components/ui/Button.astro';
import { getHomePermalink } from '~/utils/permalinks';

const { links = [], actions = [], isSticky = false } = Astro.props;
---

<header class:list={[{ sticky: isSticky }, 'top-0 z-40 w-full']} id="header">
  <div class="mx-auto w-full max-w-7xl px-3 md:flex md:justify-between md:px-6">
    <a class="flex items-center" href={getHomePermalink()}>
      <span class="text-2xl font-bold">Acme</span>
    </a>
    <nav class="hidden w-full items-center md:flex md:w-auto" aria-label="Main navigation">
      <ul class="flex w-full flex-col md:flex-row md:self-center">
        {
          links.map(({ text, href }) => (
            <li>
              <a class="flex items-center px-4 py-3 hover:text-link" href={href}>
                {text}
              </a>
            </li>
          ))
        }
      </ul>
    </nav>
    <div class="hidden items-center md:flex">
      {
        actions?.length ? (
          <span class="ml-4">
            {actions.map((btnProps) => (
              <Button {...btnProps} class="ml-2 px-5 py-2.5 text-sm font-semibold" />
            ))}
          </span>
        ) : (
          ''
        )
      }
    </div>
  </div>
</header>
`;

const ASTROWIND_BUTTON = `---
import { twMerge } from 'tailwind-merge';

const { variant = 'secondary', target, text = Astro.slots.render('default'), class: className = '', ...rest } = Astro.props;

const variants = {
  primary: 'btn-primary',
  secondary: 'btn-secondary',
};
---

<a class={twMerge(variants[variant] || '', className)} {...(target ? { target: target, rel: 'noopener noreferrer' } : {})} {...rest}>
  <Fragment set:html={text} />
</a>
`;

const ASTROWIND_FOOTER = `---
const { secondaryLinks = [], footNote = '' } = Astro.props;
---

<footer class="border-t border-gray-200">
  <div class="mx-auto max-w-7xl px-4 sm:px-6">
    <ul class="mb-4 flex text-sm md:order-1 md:mb-0">
      {
        secondaryLinks.map(({ text, href }) => (
          <li class="mr-4"><a class="text-muted hover:underline" href={href} set:html={text} /></li>
        ))
      }
    </ul>
    <div class="mr-4 text-sm" set:html={footNote} />
  </div>
</footer>
`;

const astrowindSite = (navigation = ASTROWIND_NAVIGATION) => ({
  'package.json': '{"type":"module","dependencies":{"astro":"^5.4.2","tailwind-merge":"^2.5.0"}}\n',
  'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
  'tsconfig.json': '{"extends":"astro/tsconfigs/base","compilerOptions":{"baseUrl":".","paths":{"~/*":["src/*"]}}}\n',
  'src/navigation.ts': navigation,
  'src/utils/permalinks.ts': "export const getPermalink = (slug = '') => `/${slug.replace(/^\\/+/, '')}`;\nexport const getBlogPermalink = () => getPermalink('/blog');\nexport const getHomePermalink = () => getPermalink('/');\n",
  'src/components/ui/Button.astro': ASTROWIND_BUTTON,
  'src/components/widgets/Header.astro': ASTROWIND_HEADER,
  'src/components/widgets/Footer.astro': ASTROWIND_FOOTER,
  'src/layouts/PageLayout.astro': `---
import Header from '~/components/widgets/Header.astro';
import Footer from '~/components/widgets/Footer.astro';
import { headerData, footerData } from '~/navigation';
---

<html lang="en">
  <body>
    <slot name="header">
      <Header {...headerData} isSticky />
    </slot>
    <main>
      <slot />
    </main>
    <slot name="footer">
      <Footer {...footerData} />
    </slot>
  </body>
</html>
`,
  'src/pages/index.astro': `---
import PageLayout from '~/layouts/PageLayout.astro';
---

<PageLayout>
  <section class="hero">
    <h1 class="text-5xl font-bold">Websites for busy people</h1>
    <p class="text-xl">We build them so you do not have to.</p>
  </section>
</PageLayout>
`,
});

describe('AstroWind: data spread into the header, paths through helpers, buttons outside the nav', () => {
  it('finds the nav links in the spread headerData, not the actions buttons', async () => {
    await withSite(astrowindSite(), async (repo) => {
      const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
      expect(text).toMatch(/navbar — [^\n]*\n(?:  [^\n]*\n)*  links \(links\): "Services, About, Blog, Contact" src\/navigation\.ts:4/);
      expect(text).not.toContain('"Download"');
      expect(text).toContain('  links (links): "Terms, Privacy Policy" src/navigation.ts:14');
    });
  });

  it('adds a nav link in the wrapped form its neighbours use, never as a button', async () => {
    await withSite(astrowindSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'add a link Docs to /docs in the navbar' }, 'src/navigation.ts');
      expect(changedLines(ASTROWIND_NAVIGATION, after)).toEqual({ removed: [], added: ["    { text: 'Docs', href: getPermalink('/docs') },"] });
      expect(() => parsesAsTypeScript(after)).not.toThrow();
    });
  });

  it('writes another site as a plain string, not through the path helper', async () => {
    await withSite(astrowindSite(), async (repo) => {
      const after = await repo.commitOf({ command: 'section:navbar add-link:"GitHub:https://github.com/acme"' }, 'src/navigation.ts');
      expect(changedLines(ASTROWIND_NAVIGATION, after)).toEqual({ removed: [], added: ["    { text: 'GitHub', href: 'https://github.com/acme' },"] });
    });
  });

  it('removes and renames a link whose path is computed (getBlogPermalink())', async () => {
    await withSite(astrowindSite(), async (repo) => {
      const removed = await repo.commitOf({ description: 'remove the Blog link from the navbar' }, 'src/navigation.ts');
      expect(changedLines(ASTROWIND_NAVIGATION, removed)).toEqual({ removed: ["    { text: 'Blog', href: getBlogPermalink() },"], added: [] });
      const renamed = await repo.commitOf({ description: 'rename the Blog link in the navbar to Journal' }, 'src/navigation.ts');
      expect(changedLines(ASTROWIND_NAVIGATION, renamed)).toEqual({ removed: ["    { text: 'Blog', href: getBlogPermalink() },"], added: ["    { text: 'Journal', href: getBlogPermalink() },"] });
    });
  });

  it('with no plain link in the nav (only dropdowns), never adds the new link to the actions buttons', async () => {
    const navigation = ASTROWIND_NAVIGATION.replace(
      /links: \[\n[\s\S]*?\n  \],\n  actions/,
      "links: [\n    { text: 'Pages', links: [{ text: 'About', href: getPermalink('/about') }] },\n    { text: 'Blog', links: [{ text: 'Posts', href: getBlogPermalink() }] },\n  ],\n  actions",
    );
    await withSite(astrowindSite(navigation), async (repo) => {
      const outcome = await repo.propose({ description: 'add a link Docs to /docs in the navbar' });
      // The Download button is not a nav link: nothing is written beside it.
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toContain('The navbar has no links to change.');
      expect(shown(outcome)).not.toMatch(/actions/);
    });
  });
});

describe('props spread from a data object', () => {
  it('React: `<Header {...headerData} />` hands the header its links, edited where the data is', async () => {
    const files = viteReactSite(
      {},
      {
        'src/data/navigation.js': "export const headerData = {\n  brand: 'Acme',\n  links: [\n    { label: 'Features', href: '/features' },\n    { label: 'Pricing', href: '/pricing' },\n  ],\n};\n",
        'src/components/Header.jsx': "export default function Header({ brand, links = [] }) {\n  return (\n    <header className=\"border-b bg-white\">\n      <a href=\"/\" className=\"font-bold\">{brand}</a>\n      <nav>\n        {links.map((link) => (\n          <a key={link.href} href={link.href} className=\"px-3\">{link.label}</a>\n        ))}\n      </nav>\n    </header>\n  );\n}\n",
        'src/App.jsx': "import Header from './components/Header';\nimport { headerData } from './data/navigation';\n\nexport default function App() {\n  return (\n    <>\n      <Header {...headerData} />\n      <main>\n        <h1>Ship calmly</h1>\n      </main>\n    </>\n  );\n}\n",
      },
    );
    await withSite(files, async (repo) => {
      const after = await repo.commitOf({ description: 'add a link "Blog" to /blog in the navbar' }, 'src/data/navigation.js');
      expect(changedLines(repo.original('src/data/navigation.js'), after)).toEqual({ removed: [], added: ["    { label: 'Blog', href: '/blog' },"] });
      const brand = await repo.commitOf({ description: 'rename the navbar brand to Acme Labs' }, 'src/data/navigation.js');
      expect(changedLines(repo.original('src/data/navigation.js'), brand)).toEqual({ removed: ["  brand: 'Acme',"], added: ["  brand: 'Acme Labs',"] });
    });
  });
});

describe('props spread from a data object, in templates', () => {
  const NAVIGATION = "export const headerData = {\n  links: [\n    { label: 'Features', href: '/features' },\n    { label: 'Pricing', href: '/pricing' },\n  ],\n};\n";

  it('Svelte: `<Header {...headerData} />`', async () => {
    await withSite(
      {
        'package.json': '{"devDependencies":{"@sveltejs/kit":"^2.5.0","svelte":"^5.0.0"}}\n',
        'src/lib/navigation.ts': NAVIGATION,
        'src/lib/Header.svelte': '<script lang="ts">\n  let { links = [] } = $props();\n</script>\n\n<header class="bg-white">\n  <a href="/">Acme</a>\n  <nav>\n    {#each links as link}\n      <a href={link.href}>{link.label}</a>\n    {/each}\n  </nav>\n</header>\n',
        'src/routes/+layout.svelte': '<script lang="ts">\n  import Header from \'$lib/Header.svelte\';\n  import { headerData } from \'$lib/navigation\';\n  let { children } = $props();\n</script>\n\n<Header {...headerData} />\n<main>{@render children()}</main>\n',
        'src/routes/+page.svelte': '<section class="hero"><h1>Ship calmly</h1></section>\n',
      },
      async (repo) => {
        const after = await repo.commitOf({ description: 'add a link "Blog" to /blog in the navbar' }, 'src/lib/navigation.ts');
        expect(changedLines(NAVIGATION, after)).toEqual({ removed: [], added: ["    { label: 'Blog', href: '/blog' },"] });
      },
    );
  });

  it('Vue: `<AppHeader v-bind="headerData" />`', async () => {
    await withSite(
      {
        'package.json': '{ "dependencies": { "nuxt": "^3.15.4", "vue": "^3.5.13" } }\n',
        'utils/navigation.ts': NAVIGATION,
        'components/AppHeader.vue': '<script setup lang="ts">\ndefineProps<{ links: { label: string; href: string }[] }>();\n</script>\n\n<template>\n  <header class="bg-white">\n    <NuxtLink to="/">Acme</NuxtLink>\n    <nav>\n      <NuxtLink v-for="link in links" :key="link.href" :to="link.href">{{ link.label }}</NuxtLink>\n    </nav>\n  </header>\n</template>\n',
        'app.vue': '<script setup lang="ts">\nimport { headerData } from \'~/utils/navigation\';\n</script>\n\n<template>\n  <div>\n    <AppHeader v-bind="headerData" />\n    <NuxtPage />\n  </div>\n</template>\n',
        'pages/index.vue': '<template>\n  <section class="hero"><h1>Good coffee</h1></section>\n</template>\n',
      },
      async (repo) => {
        const after = await repo.commitOf({ description: 'add a link "Blog" to /blog in the navbar' }, 'utils/navigation.ts');
        expect(changedLines(NAVIGATION, after)).toEqual({ removed: [], added: ["    { label: 'Blog', href: '/blog' },"] });
      },
    );
  });
});
