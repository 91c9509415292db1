import { parse as parseScript } from '@babel/parser';
import { brokenBy } from '../../../../lambda/core/agents/ux/edits/verify';
import { fixtureDir, readSiteFiles } from '../../../support/fixture-sites';
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

describe('named slots: what a page passes into a component is found where the component shows it', () => {
  const ASTRO_HERO = `---
import Button from '~/components/ui/Button.astro';

const { title = await Astro.slots.render('title'), subtitle = await Astro.slots.render('subtitle'), tagline, actions = [] } = Astro.props;
---

<section class="relative">
  <div class="mx-auto max-w-7xl px-4 sm:px-6">
    <div class="pb-10 text-center md:pb-16">
      {tagline && <p class="text-base font-bold uppercase tracking-wide text-secondary" set:html={tagline} />}
      {title && <h1 class="mb-4 text-5xl font-bold md:text-6xl" set:html={title} />}
      <div class="mx-auto max-w-3xl">
        {subtitle && <p class="mb-6 text-xl text-muted" set:html={subtitle} />}
        <div class="flex gap-4">{actions.map((action) => <Button {...action} />)}</div>
      </div>
    </div>
  </div>
</section>
`;
  const ASTRO_HOME = `---
import PageLayout from '~/layouts/PageLayout.astro';
import Hero from '~/components/widgets/Hero.astro';
import { getPermalink } from '~/utils/permalinks';
---

<PageLayout>
  <Hero tagline="Astro + Tailwind" actions={[{ variant: 'primary', text: 'Get started', href: getPermalink('/contact') }]}>
    <Fragment slot="title">Websites for <span class="text-accent">busy people</span></Fragment>
    <Fragment slot="subtitle">We build them so you do not have to.</Fragment>
  </Hero>
</PageLayout>
`;

  it('Astro: `<Fragment slot="title">` into `set:html={title}` whose default is `Astro.slots.render(\'title\')`', async () => {
    await withSite({ ...astrowindSite(), 'src/components/widgets/Hero.astro': ASTRO_HERO, 'src/pages/index.astro': ASTRO_HOME }, async (repo) => {
      const headline = await repo.commitOf({ description: 'change the hero headline to "Ship faster"' }, 'src/pages/index.astro');
      expect(changedLines(ASTRO_HOME, headline)).toEqual({
        removed: ['    <Fragment slot="title">Websites for <span class="text-accent">busy people</span></Fragment>'],
        added: ['    <Fragment slot="title">Ship faster</Fragment>'],
      });
      const subtitle = await repo.commitOf({ description: 'change the hero subtitle to "Calm websites, built for you."' }, 'src/pages/index.astro');
      expect(changedLines(ASTRO_HOME, subtitle)).toEqual({
        removed: ['    <Fragment slot="subtitle">We build them so you do not have to.</Fragment>'],
        added: ['    <Fragment slot="subtitle">Calm websites, built for you.</Fragment>'],
      });
    });
  });

  it('Astro: `<span slot="title">` into `<slot name="title" />`, and the default `<slot />`', async () => {
    const hero = '<section class="hero">\n  <h1 class="text-5xl"><slot name="title" /></h1>\n  <p class="text-xl"><slot /></p>\n</section>\n';
    const home = `---
import PageLayout from '~/layouts/PageLayout.astro';
import Hero from '~/components/widgets/Hero.astro';
---

<PageLayout>
  <Hero>
    <span slot="title">Websites for busy people</span>
    We build them so you do not have to.
  </Hero>
</PageLayout>
`;
    await withSite({ ...astrowindSite(), 'src/components/widgets/Hero.astro': hero, 'src/pages/index.astro': home }, async (repo) => {
      const headline = await repo.commitOf({ description: 'change the hero headline to "Ship faster"' }, 'src/pages/index.astro');
      expect(changedLines(home, headline)).toEqual({ removed: ['    <span slot="title">Websites for busy people</span>'], added: ['    <span slot="title">Ship faster</span>'] });
      const description = await repo.commitOf({ description: 'change the hero description to "Calm websites."' }, 'src/pages/index.astro');
      expect(changedLines(home, description)).toEqual({ removed: ['    We build them so you do not have to.'], added: ['    Calm websites.'] });
    });
  });

  const nuxt = (hero: string, page: string) => ({
    'package.json': '{ "dependencies": { "nuxt": "^3.15.4", "vue": "^3.5.13" } }\n',
    'app.vue': '<template>\n  <div>\n    <header class="bg-white"><NuxtLink to="/">Brewlog</NuxtLink><nav><NuxtLink to="/a">A</NuxtLink> <NuxtLink to="/b">B</NuxtLink></nav></header>\n    <NuxtPage />\n  </div>\n</template>\n',
    'components/TheHero.vue': hero,
    'pages/index.vue': page,
  });

  it('Vue: `<template #title>` and `<template v-slot:subtitle>` into `<slot name="…">`', async () => {
    const hero = '<template>\n  <section class="hero">\n    <p class="eyebrow">New</p>\n    <h1 class="text-5xl"><slot name="title" /></h1>\n    <p class="text-xl"><slot name="subtitle">A default subtitle</slot></p>\n  </section>\n</template>\n';
    const page = '<template>\n  <TheHero>\n    <template #title>Good coffee, logged</template>\n    <template v-slot:subtitle>Brewed daily, remembered forever.</template>\n  </TheHero>\n</template>\n';
    await withSite(nuxt(hero, page), async (repo) => {
      const headline = await repo.commitOf({ description: 'change the hero headline to "Coffee, remembered"' }, 'pages/index.vue');
      expect(changedLines(page, headline)).toEqual({ removed: ['    <template #title>Good coffee, logged</template>'], added: ['    <template #title>Coffee, remembered</template>'] });
      const subtitle = await repo.commitOf({ description: 'change the hero subtitle to "Every cup."' }, 'pages/index.vue');
      expect(changedLines(page, subtitle)).toEqual({ removed: ['    <template v-slot:subtitle>Brewed daily, remembered forever.</template>'], added: ['    <template v-slot:subtitle>Every cup.</template>'] });
    });
  });

  const kit = (hero: string, page: string) => ({
    'package.json': '{"devDependencies":{"@sveltejs/kit":"^2.5.0","svelte":"^5.0.0"}}\n',
    'src/routes/+layout.svelte': '<script lang="ts">\n  let { children } = $props();\n</script>\n\n<header class="bg-white"><a href="/">Northwind</a><nav><a href="/a">A</a> <a href="/b">B</a></nav></header>\n{@render children()}\n',
    'src/lib/Hero.svelte': hero,
    'src/routes/+page.svelte': page,
  });

  it('Svelte 5: `{#snippet title()}` rendered with `{@render title()}`', async () => {
    const hero = '<script lang="ts">\n  let { title, subtitle } = $props();\n</script>\n\n<section class="hero">\n  <h1 class="text-5xl">{@render title()}</h1>\n  <p class="text-xl">{@render subtitle?.()}</p>\n</section>\n';
    const page = "<script lang=\"ts\">\n  import Hero from '$lib/Hero.svelte';\n</script>\n\n<Hero>\n  {#snippet title()}Plan your week{/snippet}\n  {#snippet subtitle()}One calm list for the whole team.{/snippet}\n</Hero>\n";
    await withSite(kit(hero, page), async (repo) => {
      const headline = await repo.commitOf({ description: 'change the hero headline to "Plan calmly"' }, 'src/routes/+page.svelte');
      expect(changedLines(page, headline)).toEqual({ removed: ['  {#snippet title()}Plan your week{/snippet}'], added: ['  {#snippet title()}Plan calmly{/snippet}'] });
      const subtitle = await repo.commitOf({ description: 'change the hero subtitle to "One list."' }, 'src/routes/+page.svelte');
      expect(changedLines(page, subtitle)).toEqual({ removed: ['  {#snippet subtitle()}One calm list for the whole team.{/snippet}'], added: ['  {#snippet subtitle()}One list.{/snippet}'] });
    });
  });

  it('Svelte 4: `<svelte:fragment slot="title">` and `<span slot="subtitle">` into `<slot name="…">`', async () => {
    const hero = '<section class="hero">\n  <h1 class="text-5xl"><slot name="title" /></h1>\n  <p class="text-xl"><slot name="subtitle" /></p>\n</section>\n';
    const page = "<script>\n  import Hero from '$lib/Hero.svelte';\n</script>\n\n<Hero>\n  <svelte:fragment slot=\"title\">Plan your week</svelte:fragment>\n  <span slot=\"subtitle\">One calm list for the whole team.</span>\n</Hero>\n";
    await withSite(kit(hero, page), async (repo) => {
      const headline = await repo.commitOf({ description: 'change the hero headline to "Plan calmly"' }, 'src/routes/+page.svelte');
      expect(changedLines(page, headline)).toEqual({ removed: ['  <svelte:fragment slot="title">Plan your week</svelte:fragment>'], added: ['  <svelte:fragment slot="title">Plan calmly</svelte:fragment>'] });
      const subtitle = await repo.commitOf({ description: 'change the hero subtitle to "One list."' }, 'src/routes/+page.svelte');
      expect(changedLines(page, subtitle)).toEqual({ removed: ['  <span slot="subtitle">One calm list for the whole team.</span>'], added: ['  <span slot="subtitle">One list.</span>'] });
    });
  });
});

describe('the hero description', () => {
  it('is the paragraph under the headline, not the eyebrow above it; "tagline" names it too', async () => {
    const page = "export default function App() {\n  return (\n    <section className=\"hero\">\n      <p className=\"text-sm uppercase tracking-wide\">Product analytics</p>\n      <h1 className=\"text-5xl\">Know what users do</h1>\n      <p className=\"text-xl\">Orbit shows which features people use.</p>\n    </section>\n  );\n}\n";
    await withSite(viteReactSite({}, { 'src/App.jsx': page }), async (repo) => {
      const description = await repo.commitOf({ description: 'change the hero description to "See what matters."' }, 'src/App.jsx');
      expect(changedLines(page, description)).toEqual({ removed: ['      <p className="text-xl">Orbit shows which features people use.</p>'], added: ['      <p className="text-xl">See what matters.</p>'] });
      const tagline = await repo.commitOf({ description: 'change the tagline to "See what matters."' }, 'src/App.jsx');
      expect(tagline).toBe(description);
    });
  });

  it('falls back to the paragraph above the headline when none follows it', async () => {
    const page = "export default function App() {\n  return (\n    <section className=\"hero\">\n      <p className=\"text-xl\">Orbit shows which features people use.</p>\n      <h1 className=\"text-5xl\">Know what users do</h1>\n    </section>\n  );\n}\n";
    await withSite(viteReactSite({}, { 'src/App.jsx': page }), async (repo) => {
      const after = await repo.commitOf({ description: 'change the hero description to "See what matters."' }, 'src/App.jsx');
      expect(changedLines(page, after).added).toEqual(['      <p className="text-xl">See what matters.</p>']);
    });
  });

  it("Docusaurus: the tagline the hero shows is the config's `tagline`", async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'change the tagline to "Traces for busy teams"' }, 'docusaurus.config.ts');
      expect(changedLines(DOCUSAURUS_CONFIG, after)).toEqual({ removed: ["  tagline: 'Tracing for teams that deploy every day',"], added: ["  tagline: 'Traces for busy teams',"] });
    });
  });
});

describe('template directives that only print a value (Hugo, Jekyll)', () => {
  const FOOTER = 'layouts/partials/footer.html';

  it('Hugo: the new words stand in place of {{ .Site.Title }} in the footer line; the year printer stays', async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('hugo-site')));
    await withSite(files, async (repo) => {
      const after = await repo.commitOf({ description: 'change the footer copyright to "Acme Studio. All rights reserved."' }, FOOTER);
      expect(changedLines(files[FOOTER], after)).toEqual({
        removed: ['    <p>&copy; {{ now.Year }} {{ .Site.Title }}. Made by hand in Halifax.</p>'],
        added: ['    <p>&copy; {{ now.Year }} Acme Studio. All rights reserved.</p>'],
      });
    });
  });

  it('Jekyll: the new words stand in place of {{ site.title }} in the footer line', async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('jekyll-site')));
    const footer = '_includes/footer.html';
    files[footer] = files[footer].replace('Brightdesk Ltd. All rights reserved.', '{{ site.title }}. All rights reserved.');
    await withSite(files, async (repo) => {
      const after = await repo.commitOf({ description: 'change the footer copyright to "Acme Ltd. All rights reserved."' }, footer);
      expect(changedLines(files[footer], after)).toEqual({
        removed: ['    <p class="copyright">&copy; {{ "now" | date: "%Y" }} {{ site.title }}. All rights reserved.</p>'],
        added: ['    <p class="copyright">&copy; {{ "now" | date: "%Y" }} Acme Ltd. All rights reserved.</p>'],
      });
    });
  });

  it('keeps refusing an edit that removes or adds code that steers the template, or prints a new value', () => {
    const before = '<p>{{ with .Site.Params.company }}{{ . }}{{ end }} &copy; {{ now.Year }} {{ .Site.Title }}. {% if site.x %}Hi{% endif %}</p>\n';
    const path = 'layouts/partials/footer.html';
    expect(brokenBy(path, before, before.replace('{{ .Site.Title }}', 'Acme'))).toBeUndefined();
    expect(brokenBy(path, before, before.replace('{{ with .Site.Params.company }}{{ . }}{{ end }}', 'Acme'))).toMatch(/^The edit would remove template code from layouts\/partials\/footer\.html \(with \.Site\.Params\.company\)/);
    expect(brokenBy(path, before, before.replace('{% if site.x %}Hi{% endif %}', 'Hi'))).toMatch(/^The edit would remove template code/);
    expect(brokenBy(path, before, before.replace('{{ .Site.Title }}', '{{ .Site.Params.secret }}'))).toMatch(/^The edit would change the template code of layouts\/partials\/footer\.html \(\.Site\.Params\.secret\)/);
    expect(brokenBy(path, '{{ define "main" }}<main>{{ .Content }}</main>{{ end }}\n', '{{ define "main" }}<main>Hello</main>{{ end }}\n')).toMatch(/^The edit would remove template code/);
  });
});

describe('braces in new words, written for the file they go in', () => {
  it('Svelte: an attribute value takes `{` and `}` as entities (Svelte would run `{less}`)', async () => {
    const page = "<script>\n  import Hero from '$lib/Hero.svelte';\n</script>\n\n<Hero title=\"Plan your week\" />\n";
    const files = {
      'package.json': '{"devDependencies":{"@sveltejs/kit":"^2.5.0","svelte":"^5.0.0"}}\n',
      'src/lib/Hero.svelte': '<script lang="ts">\n  let { title } = $props();\n</script>\n\n<section class="hero">\n  <h1 class="text-5xl">{title}</h1>\n</section>\n',
      'src/routes/+page.svelte': page,
    };
    await withSite(files, async (repo) => {
      const after = await repo.commitOf({ description: 'change the hero headline to "Pay {less} & smile"' }, 'src/routes/+page.svelte');
      expect(changedLines(page, after)).toEqual({ removed: ['<Hero title="Plan your week" />'], added: ['<Hero title="Pay &#123;less&#125; &amp; smile" />'] });
    });
  });

  it('Astro: text takes braces as entities (Astro would run `{less}`)', async () => {
    await withSite({ ...astrowindSite() }, async (repo) => {
      const after = await repo.commitOf({ description: 'change the hero headline to "Pay {less} now"' }, 'src/pages/index.astro');
      expect(changedLines(astrowindSite()['src/pages/index.astro'], after).added).toEqual(['    <h1 class="text-5xl font-bold">Pay &#123;less&#125; now</h1>']);
    });
  });

  it('refuses an edit that would add an expression or a directive to an Astro, Vue or Svelte file', () => {
    const astro = '---\nconst less = 1;\n---\n<p title="Pay">Pay {less} now</p>\n<h1>Hello</h1>\n';
    expect(brokenBy('src/pages/index.astro', astro, astro.replace('<h1>Hello</h1>', '<h1>Hello {less}</h1>'))).toMatch(/^The edit would add template code to src\/pages\/index\.astro \(\{ ?less ?\}\)/);
    expect(brokenBy('src/pages/index.astro', astro, astro.replace('<h1>Hello</h1>', '<h1>Hello &#123;less&#125;</h1>'))).toBeUndefined();
    const vue = '<template>\n  <p :title="t">{{ price }}</p>\n  <h1>Hello</h1>\n</template>\n';
    expect(brokenBy('pages/index.vue', vue, vue.replace('<h1>Hello</h1>', '<h1>Hello {{ secret }}</h1>'))).toMatch(/^The edit would add template code to pages\/index\.vue/);
    expect(brokenBy('pages/index.vue', vue, vue.replace('<h1>Hello</h1>', '<h1 @click="go">Hello</h1>'))).toMatch(/^The edit would add template code/);
    const svelte = '<meta content="Pay now" />\n<p>{price}</p>\n';
    expect(brokenBy('src/routes/+page.svelte', svelte, svelte.replace('content="Pay now"', 'content="Pay {less} now"'))).toMatch(/^The edit would add template code to src\/routes\/\+page\.svelte \(ExpressionTag less\)/);
    expect(brokenBy('src/routes/+page.svelte', svelte, svelte.replace('content="Pay now"', 'content="Pay &#123;less&#125; now"'))).toBeUndefined();
    // Words inside a string of an expression are words: changing them adds no code.
    const strings = '<Hero title=`Equip <span>your</span> projects ${year}` label={open ? \'Close\' : \'Open menu\'} />\n';
    expect(brokenBy('src/pages/index.astro', strings, strings.replace('Equip <span>your</span> projects', 'Ship faster').replace("'Open menu'", "'Menu'"))).toBeUndefined();
    expect(brokenBy('src/pages/index.astro', strings, strings.replace('${year}', '${secret}'))).toMatch(/^The edit would add template code/);
  });
});

describe('navigation written twice by hand (a desktop bar and a mobile menu)', () => {
  const HEADER = 'components/AppHeader.vue';
  const original = () => Object.fromEntries(readSiteFiles(fixtureDir('nuxt-daisyui')))[HEADER];

  it('daisyUI: adds, renames and removes in both copies in one edit, and says so', async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('nuxt-daisyui')));
    await withSite(files, async (repo) => {
      const outcome = await repo.propose({ description: 'add a link "Blog" to /blog in the navbar' });
      expect(shown(outcome)).toContain('written twice');
      const branch = await repo.confirm(outcome);
      const added = repo.git('show', `${branch}:${HEADER}`);
      expect(added.split('\n').filter((l) => !original().split('\n').includes(l))).toEqual(['          <li><NuxtLink to="/blog">Blog</NuxtLink></li>', '        <li><NuxtLink to="/blog">Blog</NuxtLink></li>']);
      const renamed = await repo.commitOf({ description: 'rename the Recipes link in the navbar to Brews' }, HEADER);
      expect(renamed.match(/<NuxtLink to="\/recipes">Brews<\/NuxtLink>/g)).toHaveLength(2);
      expect(renamed).not.toContain('>Recipes<');
      const removed = await repo.commitOf({ description: 'remove the Pricing link from the navbar' }, HEADER);
      expect(removed).not.toContain('to="/pricing"');
      expect(original().split('\n').length - removed.split('\n').length).toBe(2);
    });
  });

  it('React + Tailwind: an `md:hidden` copy that differs is left, and the preview says where', async () => {
    const app = `export default function App() {
  return (
    <header className="bg-white">
      <nav className="hidden md:flex gap-4">
        <a href="/features">Features</a>
        <a href="/pricing">Pricing</a>
        <a href="/blog">Blog</a>
      </nav>
      <div className="md:hidden">
        <a href="/features">Features</a>
        <a href="/pricing">Plans</a>
      </div>
    </header>
  );
}
`;
    await withSite(viteReactSite({}, { 'src/App.jsx': app }), async (repo) => {
      const outcome = await repo.propose({ description: 'add a link "Docs" to /docs in the navbar' });
      expect(shown(outcome)).toContain('Another copy of these links in src/App.jsx:10 differs (Features, Plans), so it was left as it is');
      const branch = await repo.confirm(outcome);
      expect(changedLines(app, repo.git('show', `${branch}:src/App.jsx`))).toEqual({ removed: [], added: ['        <a href="/docs">Docs</a>'] });
    });
  });
});
