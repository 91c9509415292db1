import type { ProposalCandidate, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import { changedLines, picked, seedSiteFromFiles, shown } from '../../../support/ux-fixture-repo';

/**
 * The title and description search engines show, for one page and for the whole site, on small
 * sites of several stacks written here, through the real agent and a real git repository: a page
 * named in the request changes that page's own value and nothing else; a page without one is a
 * question offering the site's; a site value a visitor also reads (the header's brand) is asked
 * about first; a bare "title" or "description" is asked about, never guessed.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;
const filesOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { files: Array<{ path: string }> }).files.map((f) => f.path) : []);
const candidatesOf = (outcome: ProposalOutcome): ProposalCandidate[] => {
  if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
  return outcome.candidates;
};

/** Proposes, expects one proposal touching `path` only, confirms it and returns the changed lines of `path`. */
async function committed(site: Site, description: string, path: string): Promise<{ removed: string[]; added: string[] }> {
  const outcome = await site.repo.propose({ description });
  expect(shown(outcome)).not.toMatch(/^I found no/);
  expect(outcome.kind).toBe('proposal');
  expect(filesOf(outcome)).toEqual([path]);
  const branch = await site.repo.confirm(outcome);
  return changedLines(site.repo.original(path), site.repo.git('show', `${branch}:${path}`));
}

const ASTRO_SITE: Record<string, string> = {
  'package.json': `${JSON.stringify({ dependencies: { astro: '5' } })}\n`,
  'src/consts.ts': "export const SITE_TITLE = 'Orbit Analytics';\nexport const SITE_DESCRIPTION = 'Privacy-first product analytics for small teams.';\n",
  'src/components/BaseHead.astro': [
    '---',
    'const { title, description } = Astro.props;',
    '---',
    '<meta charset="utf-8" />',
    '<title>{title}</title>',
    '<meta name="description" content={description} />',
    '<meta property="og:title" content={title} />',
    '',
  ].join('\n'),
  'src/components/Header.astro': "---\nimport { SITE_TITLE } from '../consts';\n---\n<header class=\"bg-white\">\n  <a href=\"/\" class=\"font-bold\">{SITE_TITLE}</a>\n  <nav><a href=\"/pricing\">Pricing</a><a href=\"/about\">About</a><a href=\"/contact\">Contact</a></nav>\n</header>\n",
  'src/layouts/BaseLayout.astro': [
    '---',
    "import BaseHead from '../components/BaseHead.astro';",
    "import Header from '../components/Header.astro';",
    "import { SITE_TITLE, SITE_DESCRIPTION } from '../consts';",
    'const { title = SITE_TITLE, description = SITE_DESCRIPTION } = Astro.props;',
    '---',
    '<html lang="en">',
    '  <head><BaseHead title={title} description={description} /></head>',
    '  <body><Header /><main><slot /></main><footer><p>&copy; 2026 Orbit Analytics, Inc.</p></footer></body>',
    '</html>',
    '',
  ].join('\n'),
  'src/layouts/MarkdownLayout.astro': "---\nimport BaseLayout from './BaseLayout.astro';\nconst { frontmatter } = Astro.props;\n---\n<BaseLayout title={frontmatter.title} description={frontmatter.description}><article><slot /></article></BaseLayout>\n",
  'src/pages/index.astro': "---\nimport BaseLayout from '../layouts/BaseLayout.astro';\n---\n<BaseLayout>\n  <section class=\"hero\"><h1>Know what your users do</h1><p>Analytics without cookies.</p></section>\n</BaseLayout>\n",
  'src/pages/pricing.astro': "---\nimport BaseLayout from '../layouts/BaseLayout.astro';\n---\n<BaseLayout title=\"Pricing · Orbit\" description=\"Simple monthly plans for Orbit.\">\n  <h1>Simple, honest pricing</h1>\n</BaseLayout>\n",
  'src/pages/contact.astro': "---\nimport BaseLayout from '../layouts/BaseLayout.astro';\n---\n<BaseLayout>\n  <h1>Talk to us</h1>\n</BaseLayout>\n",
  'src/pages/about.md': '---\nlayout: ../layouts/MarkdownLayout.astro\ntitle: About Orbit\ndescription: A team of six in Lisbon and Leeds.\n---\n\n# About us\n\nWe count visits, not visitors.\n',
};

describe('Astro: a page passes its own title and description to its layout', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(ASTRO_SITE);
  });
  afterAll(() => site.cleanup());

  it("changes the pricing page's own description, never the site's in consts.ts", async () => {
    expect(await committed(site, 'on the pricing page, change the meta description to "Plans for teams of every size."', 'src/pages/pricing.astro')).toEqual({
      removed: ['<BaseLayout title="Pricing · Orbit" description="Simple monthly plans for Orbit.">'],
      added: ['<BaseLayout title="Pricing · Orbit" description="Plans for teams of every size.">'],
    });
  });

  it("changes a Markdown page's title in its front matter (\"the about page title in Google\")", async () => {
    expect(await committed(site, 'change the about page title in Google to "About the Orbit team"', 'src/pages/about.md')).toEqual({ removed: ['title: About Orbit'], added: ['title: About the Orbit team'] });
  });

  it('asks before changing the site-wide description for a page that has none of its own, naming the pages that show it', async () => {
    const outcome = await site.repo.propose({ description: 'on the contact page, change the meta description to "Write to us."' });
    const [only, ...rest] = candidatesOf(outcome);
    expect(rest).toEqual([]);
    expect(shown(outcome)).toContain("The /contact page has no meta description of its own: it shows the site's, \"Privacy-first product analytics for small teams.\"");
    expect(shown(outcome)).toContain('(/ and /contact)');
    expect(only.label).toBe('The site-wide meta description (every page without its own)');
    const branch = await site.repo.confirm(picked(only));
    expect(changedLines(site.repo.original('src/consts.ts'), site.repo.git('show', `${branch}:src/consts.ts`)).added).toEqual(["export const SITE_DESCRIPTION = 'Write to us.';"]);
  });

  it('asks before changing a site title the header shows too, and offers no title apart where pages pass their own', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title in Google to "Orbit"' });
    expect(shown(outcome)).toContain('The title search engines show, "Orbit Analytics" (src/consts.ts:1), is the same setting the header shows.');
    expect(candidatesOf(outcome).map((c) => c.label)).toEqual(['Everywhere (also the header that shows it)']);
  });

  it('asks which title is meant when "the title" could be the hero headline, the header or what search engines show', async () => {
    const outcome = await site.repo.propose({ description: 'change the title to "Hello"' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toBe(
      'Which title should become `Hello`? It could be (1) the hero headline: `change the hero headline to "Hello"`; (2) the site title in the header: `change the site title in the header to "Hello"`; (3) the title search engines and the browser tab show: `change the title in Google to "Hello"`. Ask again with the one you mean.',
    );
  });

  it("asks which page when the request names a post or article by its words, never changing the site's description", async () => {
    for (const description of ['change the about orbit article meta description to "Six people, two cities."', 'change the meta description of the launch post to "Six people, two cities."']) {
      const outcome = await site.repo.propose({ description });
      expect(outcome.kind).toBe('clarification');
      expect(shown(outcome)).toMatch(/^Which page's meta description should change\? Name the page by its address, e\.g\. `on \/posts\/my-post, change the meta description to "Six people, two cities\."`/);
    }
  });

  it('asks which description is meant: the hero paragraph or the meta description', async () => {
    const outcome = await site.repo.propose({ description: 'change the description to "Cookie-free analytics."' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toContain('(1) the paragraph under the hero headline: `change the hero paragraph to "Cookie-free analytics."`; (2) the description search engines show: `change the meta description to "Cookie-free analytics."`');
  });
});

const NEXT_SITE: Record<string, string> = {
  'package.json': `${JSON.stringify({ dependencies: { next: '15', react: '19' } })}\n`,
  'config/site.ts': 'export const siteConfig = {\n  name: "Acme Docs",\n  description: "Documentation your whole team can edit.",\n}\n',
  'app/layout.tsx': [
    'import { siteConfig } from "@/config/site"',
    '',
    'export const metadata = {',
    '  title: {',
    '    default: siteConfig.name,',
    '    template: `%s | ${siteConfig.name}`,',
    '  },',
    '  description: siteConfig.description,',
    '}',
    '',
    'export default function RootLayout({ children }: { children: React.ReactNode }) {',
    '  return (',
    '    <html lang="en">',
    '      <body>',
    '        <header><a href="/" className="font-bold">{siteConfig.name}</a><nav><a href="/pricing">Pricing</a><a href="/about">About</a></nav></header>',
    '        {children}',
    '      </body>',
    '    </html>',
    '  )',
    '}',
    '',
  ].join('\n'),
  'tsconfig.json': `${JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } })}\n`,
  'app/page.tsx': 'export default function Home() {\n  return <section className="hero"><h1>Docs your team edits</h1><p>Write once, publish everywhere.</p></section>\n}\n',
  'app/pricing/page.tsx': 'export const metadata = {\n  title: "Pricing",\n  description: "Plans for every team.",\n}\n\nexport default function Pricing() {\n  return <h1>Pricing</h1>\n}\n',
  'app/about/page.tsx': 'export async function generateMetadata() {\n  return { title: "About", description: "Who builds Acme Docs." }\n}\n\nexport default function About() {\n  return <h1>About us</h1>\n}\n',
};

describe('Next.js app router: metadata in the page, a site name the header shows', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(NEXT_SITE);
  });
  afterAll(() => site.cleanup());

  it("changes the page's own `metadata` export", async () => {
    expect(await committed(site, 'on the pricing page, change the meta description to "Plans for teams of one to one thousand."', 'app/pricing/page.tsx')).toEqual({
      removed: ['  description: "Plans for every team.",'],
      added: ['  description: "Plans for teams of one to one thousand.",'],
    });
  });

  it('changes the object a generateMetadata() returns', async () => {
    expect(await committed(site, 'change the about page title in Google to "About the team"', 'app/about/page.tsx')).toEqual({
      removed: ['  return { title: "About", description: "Who builds Acme Docs." }'],
      added: ['  return { title: "About the team", description: "Who builds Acme Docs." }'],
    });
  });

  it('asks: everywhere (the header too), or only the title search engines show, written in metadata with the template keeping %s', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title in Google to "Acme Handbook"' });
    expect(shown(outcome)).toContain('The title search engines show, "Acme Docs" (config/site.ts:2), is the same setting the header shows. Should it change too, or only what search engines show?');
    const [everywhere, apart] = candidatesOf(outcome);
    expect(everywhere.label).toBe('Everywhere (also the header that shows it)');
    expect(apart.label).toBe('Only the title search engines show');
    const branch = await site.repo.confirm(picked(apart));
    expect(changedLines(site.repo.original('app/layout.tsx'), site.repo.git('show', `${branch}:app/layout.tsx`))).toEqual({
      removed: ['    default: siteConfig.name,', '    template: `%s | ${siteConfig.name}`,'],
      added: ['    default: "Acme Handbook",', '    template: `%s | Acme Handbook`,'],
    });
    expect(site.repo.git('show', `${branch}:config/site.ts`)).toBe(site.repo.original('config/site.ts'));
  });
});

describe("Next.js: a title template that writes the site's name itself", () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ dependencies: { next: '15', react: '19' } })}\n`,
      'app/layout.tsx': [
        'export const metadata = {',
        "  title: { default: 'Lumen', template: '%s | Lumen' },",
        "  description: 'The calm notebook for teams.',",
        '}',
        '',
        'export default function RootLayout({ children }: { children: React.ReactNode }) {',
        '  return <html lang="en"><body><header><img src="/logo.svg" alt="Lumen" /></header>{children}</body></html>',
        '}',
        '',
      ].join('\n'),
      'app/page.tsx': 'export default function Home() {\n  return <h1>Write things down</h1>\n}\n',
    });
  });
  afterAll(() => site.cleanup());

  it("changes the default and the name inside the template, keeping %s", async () => {
    expect(await committed(site, 'change the site title in Google to "Lumen Notes"', 'app/layout.tsx')).toEqual({
      removed: ["  title: { default: 'Lumen', template: '%s | Lumen' },"],
      added: ["  title: { default: 'Lumen Notes', template: '%s | Lumen Notes' },"],
    });
  });
});

const SVELTE_SITE: Record<string, string> = {
  'package.json': `${JSON.stringify({ devDependencies: { '@sveltejs/kit': '2', svelte: '5' } })}\n`,
  'svelte.config.js': 'export default { kit: {} };\n',
  'src/routes/+layout.svelte': '<script>\n\tlet { children } = $props();\n</script>\n\n<header><a href="/">Northwind</a><nav><a href="/pricing">Pricing</a><a href="/team">Team</a></nav></header>\n{@render children()}\n',
  'src/routes/+page.svelte': '<svelte:head>\n\t<title>Northwind · Release notes</title>\n\t<meta name="description" content="Release notes your customers read." />\n</svelte:head>\n\n<section class="hero"><h1>Release notes your customers read</h1></section>\n',
  'src/routes/pricing/+page.svelte': '<svelte:head>\n\t<title>Pricing · Northwind</title>\n\t<meta name="description" content="Simple pricing for teams." />\n</svelte:head>\n\n<h1>Pricing</h1>\n',
  'src/routes/team/+page.svelte': '<h1>Our team</h1>\n',
};

describe('SvelteKit: <svelte:head> on each route', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(SVELTE_SITE);
  });
  afterAll(() => site.cleanup());

  it("changes the route's own <title>, never the home page's", async () => {
    expect(await committed(site, 'change the pricing page title in Google to "Plans · Northwind"', 'src/routes/pricing/+page.svelte')).toEqual({
      removed: ['\t<title>Pricing · Northwind</title>'],
      added: ['\t<title>Plans · Northwind</title>'],
    });
  });

  it('says so when the page has none and the site sets none every page shows, proposing nothing', async () => {
    const outcome = await site.repo.propose({ description: 'on the team page, change the meta description to "The people behind Northwind."' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toBe(
      'The /team page (src/routes/team/+page.svelte) has no meta description of its own, and I found no site-wide meta description that I can change for every page (the home page has its own, in src/routes/+page.svelte:3). Give the page one in src/routes/team/+page.svelte in the code first, or ask for the home page\'s meta description.',
    );
  });
});

describe('Nuxt: useSeoMeta in the page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ devDependencies: { nuxt: '3' } })}\n`,
      'nuxt.config.ts': 'export default defineNuxtConfig({})\n',
      'app.vue': "<script setup lang=\"ts\">\nuseSeoMeta({\n  title: 'Brewlog',\n  description: 'Log every brew.',\n})\n</script>\n\n<template>\n  <header><NuxtLink to=\"/\">Brewlog</NuxtLink></header>\n  <NuxtPage />\n</template>\n",
      'pages/index.vue': '<template>\n  <section class="hero"><h1>Better coffee, every morning</h1></section>\n</template>\n',
      'pages/pricing.vue': "<script setup lang=\"ts\">\nuseSeoMeta({\n  title: 'Pricing · Brewlog',\n  description: 'Free for one grinder.',\n})\n</script>\n\n<template>\n  <h1>Pricing</h1>\n</template>\n",
    });
  });
  afterAll(() => site.cleanup());

  it("changes the page's own description, never app.vue's", async () => {
    expect(await committed(site, 'on the pricing page, change the meta description to "Free for your first grinder."', 'pages/pricing.vue')).toEqual({
      removed: ["  description: 'Free for one grinder.',"],
      added: ["  description: 'Free for your first grinder.',"],
    });
  });
});

const HUGO_SITE: Record<string, string> = {
  'hugo.toml': "baseURL = 'https://example.org/'\ntitle = 'Harbourlight Studio'\n\n[params]\n  description = 'Calm websites for small shops.'\n",
  'layouts/_default/baseof.html': '<!doctype html>\n<html>\n<head>\n<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>\n<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">\n</head>\n<body>\n<header><a href="/">{{ site.Title }}</a></header>\n{{ block "main" . }}{{ end }}\n</body>\n</html>\n',
  'layouts/index.html': '{{ define "main" }}\n<section class="hero"><h1>Websites that feel like your shop</h1></section>\n{{ end }}\n',
  'layouts/_default/single.html': '{{ define "main" }}\n<article>\n  <h1>{{ .Title }}</h1>\n  {{ .Content }}\n</article>\n{{ end }}\n',
  'content/_index.md': '---\ntitle: Home\n---\n',
  'content/about.md': '---\ntitle: About us\ndescription: Who we are and how we work.\n---\n\nTwo people, one small studio.\n',
};

describe('Hugo: front matter of a content page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(HUGO_SITE);
  });
  afterAll(() => site.cleanup());

  it("changes the page's own description in its front matter", async () => {
    expect(await committed(site, 'on the about page, change the meta description to "Two designers in Halifax."', 'content/about.md')).toEqual({
      removed: ['description: Who we are and how we work.'],
      added: ['description: Two designers in Halifax.'],
    });
  });

  it("asks before changing a page title that the page's heading prints too", async () => {
    const outcome = await site.repo.propose({ description: 'change the about page title in Google to "About Harbourlight"' });
    expect(shown(outcome)).toContain('The /about page\'s title, "About us" (content/about.md:2), is also the text "About us" a visitor reads on the page (layouts/_default/single.html:3)');
    expect(candidatesOf(outcome).map((c) => c.label)).toEqual(['Change it (also the page\'s "About us" that shows it)']);
  });

  it('asks before changing a site title the header prints', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title in Google to "Harbourlight"' });
    expect(shown(outcome)).toContain('The title search engines show, "Harbourlight Studio" (hugo.toml:2), is the same setting the header shows.');
    const [everywhere, searchOnly, ...rest] = candidatesOf(outcome);
    expect(rest).toEqual([]);
    const branch = await site.repo.confirm(picked(everywhere));
    expect(changedLines(site.repo.original('hugo.toml'), site.repo.git('show', `${branch}:hugo.toml`))).toEqual({ removed: ["title = 'Harbourlight Studio'"], added: ["title = 'Harbourlight'"] });
    // The <title> that prints the setting can take the words itself: the header keeps the setting's.
    expect(searchOnly.label).toBe('Only the title search engines show');
    const other = await site.repo.confirm(picked(searchOnly));
    expect(changedLines(site.repo.original('layouts/_default/baseof.html'), site.repo.git('show', `${other}:layouts/_default/baseof.html`)).added).toEqual(['<title>{{ if .IsHome }}Harbourlight{{ else }}{{ .Title }} | Harbourlight{{ end }}</title>']);
  });
});

const DOCUSAURUS_SITE: Record<string, string> = {
  'package.json': `${JSON.stringify({ dependencies: { '@docusaurus/core': '3' } })}\n`,
  'docusaurus.config.js': "module.exports = {\n  title: 'Lumen',\n  tagline: 'Tracing for small teams',\n  themeConfig: {\n    navbar: { title: 'Lumen', items: [{ to: '/pricing', label: 'Pricing', position: 'left' }] },\n  },\n};\n",
  'src/pages/index.js': "import Layout from '@theme/Layout';\n\nexport default function Home() {\n  return (\n    <Layout title=\"Home\" description=\"Set up Lumen in minutes.\">\n      <header className=\"hero\"><h1>Find slow requests</h1></header>\n    </Layout>\n  );\n}\n",
  'src/pages/pricing.md': '---\ntitle: Pricing\ndescription: Lumen is free for one service.\n---\n\n# Pricing\n\nPay per host when you grow.\n',
  'src/pages/team.js': "import Layout from '@theme/Layout';\n\nexport default function Team() {\n  return (\n    <Layout title=\"Team\" description=\"The people behind Lumen.\">\n      <h1>Our team</h1>\n    </Layout>\n  );\n}\n",
};

describe('Docusaurus: a Markdown page and a React page with their own descriptions', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(DOCUSAURUS_SITE);
  });
  afterAll(() => site.cleanup());

  it("changes a Markdown page's front matter description, never the home page's <Layout description>", async () => {
    expect(await committed(site, 'on the pricing page, change the meta description to "Plans for every stage."', 'src/pages/pricing.md')).toEqual({
      removed: ['description: Lumen is free for one service.'],
      added: ['description: Plans for every stage.'],
    });
  });

  it("changes a React page's <Layout description>", async () => {
    expect(await committed(site, 'on the team page, change the meta description to "Who builds Lumen."', 'src/pages/team.js')).toEqual({
      removed: ['    <Layout title="Team" description="The people behind Lumen.">'],
      added: ['    <Layout title="Team" description="Who builds Lumen.">'],
    });
  });
});

describe('plain HTML: each page has its own <head>', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': '<!doctype html>\n<html>\n<head>\n<title>Lakeside Bakery</title>\n<meta name="description" content="Fresh bread every morning.">\n</head>\n<body>\n<header><a href="/">Lakeside Bakery</a><nav><a href="menu.html">Menu</a></nav></header>\n<section class="hero"><h1>Fresh bread since 1987</h1></section>\n</body>\n</html>\n',
      'menu.html': '<!doctype html>\n<html>\n<head>\n<title>Menu — Lakeside Bakery</title>\n<meta name="description" content="Breads, cakes and coffee.">\n</head>\n<body>\n<header><a href="/">Lakeside Bakery</a></header>\n<h1>Menu</h1>\n</body>\n</html>\n',
    });
  });
  afterAll(() => site.cleanup());

  it("changes the named page's meta description, not the home page's", async () => {
    expect(await committed(site, 'on the menu page, change the meta description to "Breads, cakes, coffee and lunch."', 'menu.html')).toEqual({
      removed: ['<meta name="description" content="Breads, cakes and coffee.">'],
      added: ['<meta name="description" content="Breads, cakes, coffee and lunch.">'],
    });
  });
});

const JEKYLL_SITE: Record<string, string> = {
  '_config.yml': [
    'title: Brightdesk',
    'description: >- # this means to ignore newlines until "baseurl:"',
    '  Brightdesk is the shared inbox for small support teams: e-mail, chat',
    '  and social messages in one place.',
    'baseurl: ""',
    'plugins:',
    '  - jekyll-seo-tag',
    '',
  ].join('\n'),
  '_layouts/default.html': '<!DOCTYPE html>\n<html>\n  <head>\n    {% seo %}\n  </head>\n  <body>\n    <header class="site-header"><a class="site-title" href="/">{{ site.title | escape }}</a><nav><a href="/about/">About</a></nav></header>\n    {{ content }}\n  </body>\n</html>\n',
  '_layouts/page.html': '---\nlayout: default\n---\n<article>\n  <h1 class="post-title">{{ page.title | escape }}</h1>\n  {{ content }}\n</article>\n',
  'index.html': '---\nlayout: default\n---\n<section class="hero"><h1>One inbox for the whole team</h1></section>\n',
  'about.md': '---\nlayout: page\ntitle: About\n---\n\nWe started in 2019.\n',
};

describe('Jekyll with jekyll-seo-tag: the settings and a page\'s front matter', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(JEKYLL_SITE);
  });
  afterAll(() => site.cleanup());

  it('writes a description folded over several lines (`description: >-`, as jekyll new writes it) in the same block', async () => {
    expect(await committed(site, 'change the site\'s meta description to "The shared inbox for small support teams."', '_config.yml')).toEqual({
      removed: ['  Brightdesk is the shared inbox for small support teams: e-mail, chat', '  and social messages in one place.'],
      added: ['  The shared inbox for small support teams.'],
    });
  });

  it('asks before changing a site title the header prints, offering no title apart ({% seo %} reads the setting itself)', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title in Google to "Brightdesk Inbox"' });
    expect(shown(outcome)).toContain('The title search engines show, "Brightdesk" (_config.yml:1), is the same setting the header shows. Changing it changes that too.');
    expect(candidatesOf(outcome).map((c) => c.label)).toEqual(['Everywhere (also the header that shows it)']);
  });

  it("asks before changing a page's title that its layout prints as the page's heading", async () => {
    const outcome = await site.repo.propose({ description: 'change the about page title in Google to "About Brightdesk"' });
    expect(shown(outcome)).toContain('The /about page\'s title, "About" (about.md:3), is also the text "About" a visitor reads on the page (_layouts/page.html:5)');
    expect(candidatesOf(outcome)).toHaveLength(1);
  });
});

describe("Gatsby's Head API and Next's <Head> in a page", () => {
  let gatsby: Site;
  let next: Site;
  beforeAll(async () => {
    gatsby = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ dependencies: { gatsby: '5', react: '18' } })}\n`,
      'gatsby-config.js': 'module.exports = {\n  siteMetadata: {\n    title: `Gatsby Starter`,\n    description: `A fast site.`,\n  },\n}\n',
      'src/components/seo.js': [
        'import * as React from "react"',
        'import { useStaticQuery, graphql } from "gatsby"',
        '',
        'function Seo({ description, title }) {',
        '  const { site } = useStaticQuery(graphql`query { site { siteMetadata { title description } } }`)',
        '  const metaDescription = description || site.siteMetadata.description',
        '  return (',
        '    <>',
        '      <title>{`${title} | ${site.siteMetadata.title}`}</title>',
        '      <meta name="description" content={metaDescription} />',
        '    </>',
        '  )',
        '}',
        '',
        'export default Seo',
        '',
      ].join('\n'),
      'src/components/layout.js': 'import * as React from "react"\nconst Layout = ({ children }) => <><header><a href="/">Gatsby Starter</a><nav><a href="/page-2/">Page 2</a></nav></header><main>{children}</main></>\nexport default Layout\n',
      'src/pages/index.js': 'import * as React from "react"\nimport Layout from "../components/layout"\nimport Seo from "../components/seo"\n\nconst IndexPage = () => <Layout><section className="hero"><h1>Welcome</h1></section></Layout>\n\nexport const Head = () => <Seo title="Home" />\n\nexport default IndexPage\n',
      'src/pages/page-2.js': 'import * as React from "react"\nimport Layout from "../components/layout"\nimport Seo from "../components/seo"\n\nconst SecondPage = () => <Layout><h1>Hi from the second page</h1></Layout>\n\nexport const Head = () => <Seo title="Page two" description="The second page." />\n\nexport default SecondPage\n',
    });
    next = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ dependencies: { next: '13', react: '18' } })}\n`,
      'pages/_app.js': 'export default function App({ Component, pageProps }) {\n  return <><header><a href="/">Acme</a><nav><a href="/about">About</a></nav></header><Component {...pageProps} /></>\n}\n',
      'pages/index.js': "import Head from 'next/head'\nexport default function Home() {\n  return (\n    <>\n      <Head>\n        <title>Acme</title>\n        <meta name=\"description\" content=\"Acme builds things.\" />\n      </Head>\n      <section className=\"hero\"><h1>Build things</h1></section>\n    </>\n  )\n}\n",
      'pages/about.js': "import Head from 'next/head'\nexport default function About() {\n  return (\n    <>\n      <Head>\n        <title>About · Acme</title>\n        <meta name=\"description\" content=\"Who we are.\" />\n      </Head>\n      <h1>About</h1>\n    </>\n  )\n}\n",
    });
  });
  afterAll(() => {
    gatsby.cleanup();
    next.cleanup();
  });

  it('changes the description a page hands its Seo component in `export const Head`', async () => {
    expect(await committed(gatsby, 'on the page-2 page, change the meta description to "More about us."', 'src/pages/page-2.js')).toEqual({
      removed: ['export const Head = () => <Seo title="Page two" description="The second page." />'],
      added: ['export const Head = () => <Seo title="Page two" description="More about us." />'],
    });
  });

  it("changes the <title> in a pages-router page's <Head>, not the home page's", async () => {
    expect(await committed(next, 'change the about page title in Google to "About us · Acme"', 'pages/about.js')).toEqual({
      removed: ['        <title>About · Acme</title>'],
      added: ['        <title>About us · Acme</title>'],
    });
  });
});

describe('props a page hands its layout under other names, and texts that only look like a title', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ dependencies: { astro: '5' } })}\n`,
      'src/data/constants.ts': "export const SITE = {\n  title: 'ScrewFast',\n  description: 'Hardware tools and construction services.',\n};\n",
      'src/components/Meta.astro': "---\nimport { SITE } from '../data/constants';\nconst { meta = SITE.description, customDescription = null } = Astro.props;\nconst description = customDescription || meta;\n---\n<meta name=\"description\" content={description} />\n",
      'src/components/FeatureCard.astro': '---\nconst { title } = Astro.props;\n---\n<div class="card"><h3>{title}</h3></div>\n',
      'src/layouts/MainLayout.astro': "---\nimport Meta from '../components/Meta.astro';\nimport { SITE } from '../data/constants';\nconst { title = SITE.title, customDescription = null } = Astro.props;\n---\n<html lang=\"en\">\n  <head>\n    <Meta customDescription={customDescription} />\n    <title>{title}</title>\n  </head>\n  <body><header><a href=\"/\">Tools</a></header><slot /></body>\n</html>\n",
      'src/pages/index.astro': "---\nimport MainLayout from '../layouts/MainLayout.astro';\n---\n<MainLayout>\n  <section class=\"hero\"><h1>Equip your projects</h1></section>\n</MainLayout>\n",
      'src/pages/contact.astro': [
        '---',
        "import MainLayout from '../layouts/MainLayout.astro';",
        "import { SITE } from '../data/constants';",
        'const pageTitle: string = `Contact | ${SITE.title}`;',
        'const metaDescription =',
        '  "Have questions? Reach out.";',
        '---',
        '',
        '<MainLayout title={pageTitle} customDescription={metaDescription}>',
        '  <h1>Contact</h1>',
        '</MainLayout>',
        '',
      ].join('\n'),
      'src/pages/services.astro': [
        '---',
        "import MainLayout from '../layouts/MainLayout.astro';",
        "import FeatureCard from '../components/FeatureCard.astro';",
        '---',
        '',
        '<MainLayout>',
        '  <svg viewBox="0 0 24 24"><title>Wrench</title><path d="M0 0h24v24H0z" /></svg>',
        '  <FeatureCard title="Fast delivery" />',
        '</MainLayout>',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('follows `customDescription={metaDescription}` to the const of the page and changes it there', async () => {
    expect(await committed(site, 'on the contact page, change the meta description to "Write to us any time."', 'src/pages/contact.astro')).toEqual({
      removed: ['  "Have questions? Reach out.";'],
      added: ['  "Write to us any time.";'],
    });
  });

  it('says so, proposing nothing, when the page builds its own title in code', async () => {
    const outcome = await site.repo.propose({ description: 'change the contact page title in Google to "Contact us"' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toBe('The /contact page sets its own title in src/pages/contact.astro:9, built in the code from other values, so I cannot change it safely. Change it there in the code, or ask for the site-wide title (e.g. `change the site title in Google to "…"`).');
  });

  it("never takes a card's title prop or an icon's <svg><title> for the page's title", async () => {
    const outcome = await site.repo.propose({ description: 'change the services page title in Google to "Our services"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('The /services page has no title of its own: it shows the site\'s, "ScrewFast"');
    expect(candidatesOf(outcome).map((c) => c.label)).toEqual(['The site-wide title (every page without its own)']);
  });
});

describe('a <title> that prints the imported site title the header shows too', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': `${JSON.stringify({ dependencies: { astro: '5' } })}\n`,
      'src/consts.ts': "export const SITE_TITLE = 'Orbit Analytics';\n",
      'src/layouts/Layout.astro': "---\nimport { SITE_TITLE } from '../consts';\n---\n<html lang=\"en\">\n  <head>\n    <title>{SITE_TITLE}</title>\n  </head>\n  <body>\n    <header><a href=\"/\">{SITE_TITLE}</a><nav><a href=\"/about\">About</a></nav></header>\n    <slot />\n  </body>\n</html>\n",
      'src/pages/index.astro': "---\nimport Layout from '../layouts/Layout.astro';\n---\n<Layout>\n  <section class=\"hero\"><h1>Know your users</h1></section>\n</Layout>\n",
    });
  });
  afterAll(() => site.cleanup());

  it('offers to write the words in the <title> alone, leaving the header and the constant as they are', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title in Google to "Orbit & Co"' });
    const [everywhere, apart] = candidatesOf(outcome);
    expect(everywhere.label).toBe('Everywhere (also the header that shows it)');
    expect(apart.label).toBe('Only the title search engines show');
    const branch = await site.repo.confirm(picked(apart));
    expect(changedLines(site.repo.original('src/layouts/Layout.astro'), site.repo.git('show', `${branch}:src/layouts/Layout.astro`))).toEqual({ removed: ['    <title>{SITE_TITLE}</title>'], added: ['    <title>Orbit &amp; Co</title>'] });
    expect(site.repo.git('show', `${branch}:src/consts.ts`)).toBe(site.repo.original('src/consts.ts'));
  });
});
