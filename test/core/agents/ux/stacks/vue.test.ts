import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';
import { vueCompiler } from '../../../../../lambda/core/agents/ux/discovery/stacks/vue';
import { brokenBy } from '../../../../../lambda/core/agents/ux/edits/verify';

/**
 * The UX Agent on Vue sites it has never seen: a Nuxt 3 + daisyUI site (examples/sites/nuxt-daisyui)
 * and a Vue 3 + Vite + vue-router site (examples/sites/vue-vite-router). Requests go through the
 * real agent, are confirmed into a real git repository, and the committed lines are compared with
 * what a careful person would have written; every edited SFC is read again by @vue/compiler-sfc.
 */
interface VueNode {
  type: number;
  tag?: string;
  children?: VueNode[];
}

/** The parse errors of a single-file component and its template's element tags in document order. */
function readSfc(source: string): { errors: number; tags: string[] } {
  const result = vueCompiler().parse(source, { filename: 'x.vue' }) as unknown as { descriptor: { template: { ast?: VueNode } | null }; errors: unknown[] };
  const tags: string[] = [];
  const walk = (node: VueNode) => {
    if (node.type === 1 && node.tag) tags.push(node.tag);
    node.children?.forEach(walk);
  };
  if (result.descriptor.template?.ast) walk(result.descriptor.template.ast);
  return { errors: result.errors.length, tags };
}

const uxMap = (repo: FixtureRepo) => repo.agent.propose(uxRequest({}, 'ux-map'), uxContext);

describe('Nuxt 3 + daisyUI (nuxt-daisyui)', () => {
  const HEADER = 'components/AppHeader.vue';
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('nuxt-daisyui'));
  });
  afterAll(() => repo.remove());

  it('/ux-map names Nuxt, the home page, the landmarks of the default layout and the SEO settings', async () => {
    const outcome = await uxMap(repo);
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^Nuxt · `main` at `[0-9a-f]{7}` · home page `pages\/index\.vue`/);
    for (const line of [
      `header — <div> in ${HEADER}:6`,
      `  text (text): "Brewlog" ${HEADER}:21`,
      // The desktop menu, not the mobile dropdown written above it (line 13).
      `  links (links): "Home, Pricing, Recipes, My journal" ${HEADER}:25`,
      'footer — <footer> in components/AppFooter.vue:2',
      '  links (links): "About, Contact, Privacy" components/AppFooter.vue:4',
      'home — <section> in pages/index.vue:11',
      '  hero-text (text): "Your best cup, every morning" pages/index.vue:14',
      '  title (text): "Brewlog" app.vue:3; "Brewlog" app.vue:4; "Brewlog" nuxt.config.ts:9 — one value, changed in every place',
    ])
      expect(text).toContain(line);
  });

  it('changes the hero headline in pages/index.vue', async () => {
    const after = await repo.commitOf({ description: 'change the hero headline to "Ship faster with Acme"' }, 'pages/index.vue');
    expect(changedLines(repo.original('pages/index.vue'), after)).toEqual({
      removed: ['          <h1 class="text-5xl font-bold">Your best cup, every morning</h1>'],
      added: ['          <h1 class="text-5xl font-bold">Ship faster with Acme</h1>'],
    });
    expect(readSfc(after)).toEqual(readSfc(repo.original('pages/index.vue')));
  });

  it('changes a button label whose closing tag Prettier broke over two lines, and only the words', async () => {
    const after = await repo.commitOf({ description: 'change the "Start logging free" button to "Create an account"' }, 'pages/index.vue');
    expect(changedLines(repo.original('pages/index.vue'), after)).toEqual({ removed: ['            >Start logging free</NuxtLink'], added: ['            >Create an account</NuxtLink'] });
    expect(readSfc(after)).toEqual(readSfc(repo.original('pages/index.vue')));
  });

  it('changes the copyright holder and keeps `{{ new Date().getFullYear() }}`', async () => {
    const after = await repo.commitOf({ command: 'section:footer text:"All rights reserved by Acme Inc."' }, 'components/AppFooter.vue');
    expect(changedLines(repo.original('components/AppFooter.vue'), after)).toEqual({
      removed: ['      <p>Copyright © {{ new Date().getFullYear() }} - All rights reserved by Brewlog Ltd</p>'],
      added: ['      <p>Copyright © {{ new Date().getFullYear() }} All rights reserved by Acme Inc.</p>'],
    });
    expect(readSfc(after).errors).toBe(0);
  });

  it('adds a NuxtLink item to the desktop menu and its mobile copy, copied from its neighbours, before the item shown only when signed in', async () => {
    const after = await repo.commitOf({ description: 'add a link "Blog" to /blog in the navbar' }, HEADER);
    const lines = after.split('\n');
    expect(lines.length - repo.original(HEADER).split('\n').length).toBe(2);
    expect(lines[17]).toBe('          <li><NuxtLink to="/blog">Blog</NuxtLink></li>');
    expect(lines[28]).toBe('        <li><NuxtLink to="/blog">Blog</NuxtLink></li>');
    expect(lines[29]).toBe('        <li v-if="user"><NuxtLink to="/journal">My journal</NuxtLink></li>');
    expect(readSfc(after).errors).toBe(0);
  });

  it('changes the SEO title in useSeoMeta (title and ogTitle) and in nuxt.config app.head together', async () => {
    const outcome = await repo.propose({ description: 'change the site title that shows in Google and in the browser tab to "Brewlog: coffee journal"' });
    expect(outcome.kind).toBe('proposal');
    const branch = await repo.confirm(outcome);
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim().split('\n')).toEqual(['app.vue', 'nuxt.config.ts']);
    expect(changedLines(repo.original('app.vue'), repo.git('show', `${branch}:app.vue`))).toEqual({
      removed: ["  title: 'Brewlog',", "  ogTitle: 'Brewlog',"],
      added: ["  title: 'Brewlog: coffee journal',", "  ogTitle: 'Brewlog: coffee journal',"],
    });
    expect(changedLines(repo.original('nuxt.config.ts'), repo.git('show', `${branch}:nuxt.config.ts`))).toEqual({ removed: ["      title: 'Brewlog',"], added: ["      title: 'Brewlog: coffee journal',"] });
  });

  it("changes a plan's price on the pricing page, its /month kept", async () => {
    const after = await repo.commitOf({ description: 'the Team plan now costs $39 a month' }, 'pages/pricing.vue');
    expect(changedLines(repo.original('pages/pricing.vue'), after)).toEqual({
      removed: ['          <p class="text-4xl font-bold">$29<span class="text-base font-normal opacity-60">/month</span></p>'],
      added: ['          <p class="text-4xl font-bold">$39<span class="text-base font-normal opacity-60">/month</span></p>'],
    });
  });

  it('changes the answer written under its question in a daisyUI collapse', async () => {
    const after = await repo.commitOf({ description: 'change the answer to "Can I cancel at any time?" to "Yes, with one click, any day."' }, 'pages/pricing.vue');
    expect(changedLines(repo.original('pages/pricing.vue'), after)).toEqual({
      removed: ['          <p>Yes. Cancel from your account page and you keep Pro until the end of the month.</p>'],
      added: ['          <p>Yes, with one click, any day.</p>'],
    });
    expect(readSfc(after)).toEqual(readSfc(repo.original('pages/pricing.vue')));
  });

  it("changes the primary colour of the site's own daisyUI theme in tailwind.config.js", async () => {
    const config = await repo.commitOf({ description: 'make the primary colour green' }, 'tailwind.config.js');
    expect(changedLines(repo.original('tailwind.config.js'), config)).toEqual({ removed: ["          primary: '#6f4e37',"], added: ["          primary: '#008000',"] });
  });

  it('refuses, with a sentence naming the file, an edit that would leave AppHeader.vue with an unclosed element', () => {
    const before = repo.original(HEADER);
    const after = before.replace('        </ul>\n      </div>\n      <NuxtLink to="/"', '      </div>\n      <NuxtLink to="/"');
    expect(after).not.toBe(before);
    expect(brokenBy(HEADER, before, after)).toMatch(/^The edit would make components\/AppHeader\.vue invalid for Vue \(.+\), so nothing was changed\.$/);
  });
});

/** A Nuxt site of a few files: the package, app.vue and the pages and components given. */
const nuxtSite = (files: Record<string, string>) =>
  seedSiteFromFiles({
    'package.json': '{ "dependencies": { "nuxt": "^3.15.4", "vue": "^3.5.13" } }\n',
    'components/AppHeader.vue': '<template>\n  <header class="bg-white">\n    <NuxtLink to="/">Brewlog</NuxtLink>\n    <nav><NuxtLink to="/a">A</NuxtLink> <NuxtLink to="/b">B</NuxtLink></nav>\n  </header>\n</template>\n',
    'pages/index.vue': '<template>\n  <section class="hero"><h1>Good coffee</h1></section>\n</template>\n',
    ...files,
  });

describe('Nuxt layouts and source folders', () => {
  it('leaves a layouts/default.vue alone when app.vue renders no <NuxtLayout> (it is dead code)', async () => {
    const { repo, cleanup } = await nuxtSite({
      'app.vue': '<template>\n  <div>\n    <AppHeader />\n    <NuxtPage />\n  </div>\n</template>\n',
      // daisyUI's navbar is a <div>: the dead layout's <header> would otherwise be taken for the site's header.
      'components/AppHeader.vue': '<template>\n  <div class="navbar bg-base-100">\n    <NuxtLink to="/" class="btn btn-ghost text-xl">Brewlog</NuxtLink>\n    <ul class="menu menu-horizontal"><li><NuxtLink to="/a">A</NuxtLink></li><li><NuxtLink to="/b">B</NuxtLink></li></ul>\n  </div>\n</template>\n',
      'layouts/default.vue': '<template>\n  <div>\n    <header class="bg-red-500"><a href="/">Old brand</a><nav><a href="/x">X</a> <a href="/y">Y</a></nav></header>\n    <slot />\n  </div>\n</template>\n',
    });
    try {
      const text = shown(await uxMap(repo));
      expect(text).toContain('header — <div> in components/AppHeader.vue:2');
      expect(text).not.toContain('layouts/default.vue');
      const after = await repo.commitOf({ command: 'section:header text:"Brew Co"' }, 'components/AppHeader.vue');
      expect(changedLines(repo.original('components/AppHeader.vue'), after).added).toEqual(['    <NuxtLink to="/" class="btn btn-ghost text-xl">Brew Co</NuxtLink>']);
    } finally {
      cleanup();
    }
  });

  it("renders the home page in the layout its definePageMeta names", async () => {
    const { repo, cleanup } = await nuxtSite({
      'app.vue': '<template>\n  <NuxtLayout>\n    <NuxtPage />\n  </NuxtLayout>\n</template>\n',
      'layouts/default.vue': '<template>\n  <div><header class="bg-red-500"><a href="/">Dashboard</a></header><slot /></div>\n</template>\n',
      'layouts/marketing.vue': '<template>\n  <div>\n    <AppHeader />\n    <slot />\n    <footer class="bg-gray-900"><p>© 2025 Brewlog Ltd</p></footer>\n  </div>\n</template>\n',
      'pages/index.vue': "<script setup lang=\"ts\">\ndefinePageMeta({ layout: 'marketing' });\n</script>\n\n<template>\n  <section class=\"hero\"><h1>Good coffee</h1></section>\n</template>\n",
    });
    try {
      const text = shown(await uxMap(repo));
      expect(text).toContain('header — <header> in components/AppHeader.vue:2');
      expect(text).toContain('footer — <footer> in layouts/marketing.vue:5');
      expect(text).not.toContain('layouts/default.vue');
    } finally {
      cleanup();
    }
  });

  it('reads a Nuxt 4 site whose source is in app/', async () => {
    const { repo, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "nuxt": "^4.0.0", "vue": "^3.5.17" } }\n',
      'nuxt.config.ts': "export default defineNuxtConfig({ compatibilityDate: '2025-07-15' });\n",
      'app/app.vue': '<template>\n  <div>\n    <AppHeader />\n    <NuxtPage />\n  </div>\n</template>\n',
      'app/components/AppHeader.vue': '<template>\n  <header class="bg-white">\n    <NuxtLink to="/">Brewlog</NuxtLink>\n  </header>\n</template>\n',
      'app/pages/index.vue': '<template>\n  <section class="hero"><h1>Good coffee</h1></section>\n</template>\n',
    });
    try {
      const text = shown(await uxMap(repo));
      expect(text).toMatch(/^Nuxt · `main` at `[0-9a-f]{7}` · home page `app\/pages\/index\.vue`/);
      expect(text).toContain('header — <header> in app/components/AppHeader.vue:2');
      const after = await repo.commitOf({ description: 'change the hero headline to "Better coffee"' }, 'app/pages/index.vue');
      expect(changedLines(repo.original('app/pages/index.vue'), after).added).toEqual(['  <section class="hero"><h1>Better coffee</h1></section>']);
    } finally {
      cleanup();
    }
  });
});

describe('Vue 3 + Vite + vue-router (vue-vite-router)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('vue-vite-router'));
  });
  afterAll(() => repo.remove());

  it("/ux-map names the home route's view, the header App.vue renders around <RouterView /> and the SEO of index.html", async () => {
    const text = shown(await uxMap(repo));
    expect(text).toMatch(/^Vue · `main` at `[0-9a-f]{7}` · home page `src\/views\/HomeView\.vue`/);
    for (const line of [
      'header — <header> in src/App.vue:16',
      '  links (links): "Home, Tours, About" src/App.vue:5',
      'footer — <footer> in src/App.vue:49',
      '  hero-text (text): "Paddle the wild coast with a local guide" src/views/HomeView.vue:9',
      '  cta-text (text): "Book a tour" src/views/HomeView.vue:17',
      '  primary-color (color): tailwind.config.js:10',
      '  title (text): "Tidewater Kayaks · Guided sea kayak tou…" index.html:7',
    ])
      expect(text).toContain(line);
  });

  it('changes the hero headline of HomeView.vue, both lines around the <br /> included', async () => {
    const after = await repo.commitOf({ description: 'change the hero headline to "Ship faster with Acme"' }, 'src/views/HomeView.vue');
    expect(changedLines(repo.original('src/views/HomeView.vue'), after)).toEqual({
      removed: ['          Paddle the wild coast<br class="hidden sm:block" />', '          with a local guide'],
      added: ['          Ship faster with Acme'],
    });
    expect(readSfc(after).errors).toBe(0);
  });

  it('adds a link to the navigation array the v-for renders', async () => {
    const after = await repo.commitOf({ command: 'section:navbar add-link:"Contact:/contact"' }, 'src/App.vue');
    expect(changedLines(repo.original('src/App.vue'), after)).toEqual({ removed: [], added: ["  { name: 'Contact', href: '/contact' },"] });
    expect(readSfc(after)).toEqual(readSfc(repo.original('src/App.vue')));
  });

  it('colours the header that carries the navbar background', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, 'src/App.vue');
    expect(changedLines(repo.original('src/App.vue'), after)).toEqual({ removed: ['  <header class="bg-white shadow-sm">'], added: ['  <header class="bg-blue-900 shadow-sm">'] });
  });

  it('changes the browser tab title in index.html', async () => {
    const after = await repo.commitOf({ description: 'change the browser tab title to "Tidewater Kayaks · Sea kayak tours in Pembrokeshire"' }, 'index.html');
    expect(changedLines(repo.original('index.html'), after)).toEqual({
      removed: ['    <title>Tidewater Kayaks · Guided sea kayak tours</title>'],
      added: ['    <title>Tidewater Kayaks · Sea kayak tours in Pembrokeshire</title>'],
    });
  });

  it("changes text on another route's view (a lazy `() => import()` component)", async () => {
    const after = await repo.commitOf({ description: 'on the about page, change "Safety first" to "Safety, always"' }, 'src/views/AboutView.vue');
    expect(changedLines(repo.original('src/views/AboutView.vue'), after)).toEqual({
      removed: ['    <h2 class="mt-12 text-xl font-semibold">Safety first</h2>'],
      added: ['    <h2 class="mt-12 text-xl font-semibold">Safety, always</h2>'],
    });
  });

  it('changes the brand colour scale in tailwind.config.js', async () => {
    const after = await repo.commitOf({ description: 'make the brand colour #1d4ed8' }, 'tailwind.config.js');
    const { removed, added } = changedLines(repo.original('tailwind.config.js'), after);
    expect(removed).toHaveLength(5);
    expect(added).toContain("          500: '#1d4ed8',");
    expect(added.map((line) => line.split(':')[0])).toEqual(removed.map((line) => line.split(':')[0]));
  });

  it('asks which colour when none is given', async () => {
    const outcome = await repo.propose({ description: 'change the navbar colour' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/^Which colour should the navbar be\?/);
  });
});

/** A Vue + Vite site of a few files: the package, main.ts mounting App.vue, and the files given. */
const vueSite = (files: Record<string, string>) =>
  seedSiteFromFiles({
    'package.json': '{ "dependencies": { "vue": "^3.5.13", "vue-router": "^4.5.0" } }\n',
    'index.html': '<div id="app"></div><script type="module" src="/src/main.ts"></script>\n',
    'src/main.ts': "import { createApp } from 'vue';\nimport App from './App.vue';\nimport router from './router';\n\ncreateApp(App).use(router).mount('#app');\n",
    'src/App.vue': '<template>\n  <RouterView />\n</template>\n',
    'src/views/HomeView.vue': '<template>\n  <main><h1>Paddle the wild coast</h1></main>\n</template>\n',
    'src/views/AboutView.vue': '<template>\n  <main><h1>About us</h1><p>Three paddlers.</p></main>\n</template>\n',
    ...files,
  });

describe('vue-router route records', () => {
  it('finds the home view inside a layout route, with routes kept in a module of their own', async () => {
    const { repo, cleanup } = await vueSite({
      'src/router/index.ts': "import { createRouter, createWebHistory } from 'vue-router';\nimport routes from './routes';\n\nexport default createRouter({ history: createWebHistory(), routes });\n",
      'src/router/routes.ts': [
        "import MarketingLayout from '../layouts/MarketingLayout.vue';",
        "import type { RouteRecordRaw } from 'vue-router';",
        '',
        'const routes: RouteRecordRaw[] = [',
        '  {',
        "    path: '/',",
        '    component: MarketingLayout,',
        '    children: [',
        "      { path: '', name: 'home', component: () => import('../views/HomeView.vue') },",
        "      { path: 'about', name: 'about', component: () => import('../views/AboutView.vue') },",
        '    ],',
        '  },',
        "  { path: '/:pathMatch(.*)*', component: () => import('../views/AboutView.vue') },",
        '];',
        '',
        'export default routes;',
        '',
      ].join('\n'),
      'src/layouts/MarketingLayout.vue': '<template>\n  <header class="bg-white"><RouterLink to="/">Tidewater</RouterLink></header>\n  <RouterView />\n  <footer class="bg-slate-900"><p>&copy; 2025 Tidewater Kayaks Ltd.</p></footer>\n</template>\n',
    });
    try {
      const text = shown(await uxMap(repo));
      expect(text).toMatch(/home page `src\/views\/HomeView\.vue`/);
      expect(text).toContain('header — <header> in src/layouts/MarketingLayout.vue:2');
      expect(text).toContain('footer — <footer> in src/layouts/MarketingLayout.vue:4');
      const after = await repo.commitOf({ description: 'on the about page, change "Three paddlers." to "Four paddlers."' }, 'src/views/AboutView.vue');
      expect(changedLines(repo.original('src/views/AboutView.vue'), after).added).toEqual(['  <main><h1>About us</h1><p>Four paddlers.</p></main>']);
    } finally {
      cleanup();
    }
  });

  it("follows the home route's redirect to the view it shows", async () => {
    const { repo, cleanup } = await vueSite({
      'src/router/index.ts': [
        "import { createRouter, createWebHistory } from 'vue-router';",
        "import HomeView from '../views/HomeView.vue';",
        "import AboutView from '../views/AboutView.vue';",
        '',
        'export default createRouter({',
        '  history: createWebHistory(),',
        '  routes: [',
        "    { path: '/', redirect: '/home' },",
        "    { path: '/about', component: AboutView },",
        "    { path: '/home', component: HomeView },",
        '  ],',
        '});',
        '',
      ].join('\n'),
    });
    try {
      expect(shown(await uxMap(repo))).toMatch(/home page `src\/views\/HomeView\.vue`/);
      const after = await repo.commitOf({ description: 'change the hero headline to "Paddle with us"' }, 'src/views/HomeView.vue');
      expect(changedLines(repo.original('src/views/HomeView.vue'), after).added).toEqual(['  <main><h1>Paddle with us</h1></main>']);
    } finally {
      cleanup();
    }
  });
});
