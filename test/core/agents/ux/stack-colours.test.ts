import { converter, differenceCiede2000, formatHex } from 'culori';
import defaultColors from 'tailwindcss/colors';
import { changedLines, picked, seedSiteFromFiles, shown, viteReactSite } from '../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';

/**
 * Colours on every stack: the words a person uses for a colour, brand colour scales that keep
 * their light and dark ends, daisyUI's colour classes, colours set in a component's own
 * `<style>`, Sass in the indented syntax with Bulma, and Docusaurus's navbar and footer styles.
 * Each drives the real agent on a small site written here, through a local git repository.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;
const diffOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { diff: string }).diff : '');
const added = (outcome: ProposalOutcome) => diffOf(outcome).split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
const oklch = converter('oklch');
const lightness = (hex: string) => oklch(hex)?.l ?? 0;
const distance = differenceCiede2000();

describe('"dark gray" written as two words', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': '<html><head><title>Acme</title><link rel="stylesheet" href="style.css"></head><body><h1>Hello</h1><footer class="site-footer"><p>© Acme</p></footer></body></html>\n',
      'style.css': '.site-footer {\n  background-color: #ffffff;\n}\n',
    });
  });
  afterAll(() => site.cleanup());

  it('is a dark grey, darker than gray (CSS darkgray is lighter than gray)', async () => {
    for (const description of ['make the footer background dark gray', 'make the footer background dark grey']) {
      const outcome = await site.repo.propose({ description });
      const written = /^\+ {2}background-color: (#[0-9a-f]{6});$/.exec(added(outcome)[0] ?? '')?.[1] ?? '';
      expect(written).toBe('#505050');
      expect(lightness(written)).toBeLessThan(lightness('#808080'));
      expect(shown(outcome)).toMatch(/`#505050` \(dark gr[ae]y\)/);
    }
  });

  it('keeps `darkgray` written as one word as the CSS colour of that name', async () => {
    const outcome = await site.repo.propose({ command: 'section:footer color:darkgray' });
    expect(added(outcome)).toEqual(['+  background-color: #a9a9a9;']);
  });
});

/** The values of a Tailwind colour scale written in a config, by shade. */
function configScale(config: string, name: string): Record<string, string> {
  const block = new RegExp(`${name}: \\{([^}]*)\\}`).exec(config)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\d+): '(#[0-9a-f]{6})'/g)].map((m) => [m[1], m[2]]));
}

describe("a brand colour scale (Tailwind's green as the site's brand, 50–950)", () => {
  const green = (defaultColors as unknown as Record<string, Record<string, string>>).green;
  const blue = (defaultColors as unknown as Record<string, Record<string, string>>).blue;
  let site: Site;
  beforeAll(async () => {
    const scale = Object.entries(green).map(([shade, hex]) => `          ${shade}: '${hex}',`).join('\n');
    site = await seedSiteFromFiles(
      viteReactSite(
        { tailwindcss: '3' },
        {
          'tailwind.config.js': `export default {\n  content: ['./src/**/*.jsx'],\n  theme: {\n    extend: {\n      colors: {\n        brand: {\n${scale}\n        },\n      },\n    },\n  },\n};\n`,
          'src/App.jsx': 'export default function App() {\n  return (\n    <main className="bg-brand-50">\n      <h1 className="text-brand-900">Acme</h1>\n      <a className="bg-brand-500 px-4 py-2" href="/signup">Sign up</a>\n    </main>\n  );\n}\n',
        },
      ),
    );
  });
  afterAll(() => site.cleanup());

  it("becomes Tailwind's own blue scale when the brand becomes blue-500: light shades stay light, dark ones dark, tints stay tinted", async () => {
    const config = await site.repo.commitOf({ description: 'change our brand colour to #3b82f6' }, 'tailwind.config.js');
    const scale = configScale(config, 'brand');
    expect(Object.keys(scale)).toHaveLength(11);
    expect(scale['500']).toBe('#3b82f6');
    // The page-background tint is as light as it was (green-50 is oklch 0.98), not a greyish 0.9.
    expect(lightness(scale['50'])).toBeGreaterThan(lightness(green['50']) - 0.01);
    const shades = Object.keys(green);
    for (let i = 1; i < shades.length; i++) expect(lightness(scale[shades[i]])).toBeLessThan(lightness(scale[shades[i - 1]]));
    // Each shade is close to what Tailwind itself chose for blue (CIEDE2000 below 8, a near match for a derived palette).
    for (const shade of shades) expect(distance(scale[shade], blue[shade])).toBeLessThan(8);
  });
});

/** What Docusaurus's colour generator writes for a base colour: Infima's shades as HSL lightness × 0.7 … × 1.3. */
function docusaurusShades(hex: string): Record<string, string> {
  const hsl = converter('hsl')(hex)!;
  const at = (factor: number) => formatHex({ ...hsl, l: Math.min(1, hsl.l * factor) });
  return { darkest: at(0.7), darker: at(0.85), dark: at(0.9), light: at(1.1), lighter: at(1.15), lightest: at(1.3) };
}

describe("Infima's default shades (the Docusaurus classic template's custom.css)", () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"@docusaurus/core":"3.10.2","@docusaurus/preset-classic":"3.10.2"}}\n',
      'docusaurus.config.js': "export default {\n  title: 'My Site',\n  presets: [['classic', { theme: { customCss: './src/css/custom.css' } }]],\n  themeConfig: { navbar: { title: 'My Site', items: [{ to: '/blog', label: 'Blog' }, { to: '/docs', label: 'Docs' }] } },\n};\n",
      'src/pages/index.js': 'export default function Home() {\n  return <main><h1>My Site</h1></main>;\n}\n',
      'src/css/custom.css': [
        ':root {',
        '  --ifm-color-primary: #2e8555;',
        '  --ifm-color-primary-dark: #29784c;',
        '  --ifm-color-primary-darker: #277148;',
        '  --ifm-color-primary-darkest: #205d3b;',
        '  --ifm-color-primary-light: #33925d;',
        '  --ifm-color-primary-lighter: #359962;',
        '  --ifm-color-primary-lightest: #3cad6e;',
        '}',
        '',
        "[data-theme='dark'] {",
        '  --ifm-color-primary: #25c2a0;',
        '  --ifm-color-primary-dark: #21af90;',
        '  --ifm-color-primary-darker: #1fa588;',
        '  --ifm-color-primary-darkest: #1a8870;',
        '  --ifm-color-primary-light: #29d5b0;',
        '  --ifm-color-primary-lighter: #32d8b4;',
        '  --ifm-color-primary-lightest: #4fddbf;',
        '}',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('keep their relative steps: each shade is where the Docusaurus colour generator would put it for the new colour', async () => {
    const css = await site.repo.commitOf({ description: 'change the brand colour to #1e3a8a' }, 'src/css/custom.css');
    const light = Object.fromEntries([...(css.split("[data-theme='dark']")[0] ?? '').matchAll(/--ifm-color-primary-?(\w*): (#[0-9a-f]{6});/g)].map((m) => [m[1] || 'base', m[2]]));
    expect(light.base).toBe('#1e3a8a');
    const expected = docusaurusShades('#1e3a8a');
    for (const [shade, hex] of Object.entries(expected)) expect(distance(light[shade], hex)).toBeLessThan(3);
    const order = ['darkest', 'darker', 'dark', 'base', 'light', 'lighter', 'lightest'];
    for (let i = 1; i < order.length; i++) expect(lightness(light[order[i]])).toBeGreaterThan(lightness(light[order[i - 1]]));
    // The dark theme's primary stays lighter than the light theme's, as it was.
    const dark = /\[data-theme='dark'\] \{\n {2}--ifm-color-primary: (#[0-9a-f]{6});/.exec(css)?.[1] ?? '';
    expect(lightness(dark)).toBeGreaterThan(lightness('#1e3a8a') + 0.05);
    const before = site.repo.original('src/css/custom.css').split('\n');
    expect(css.split('\n').filter((line, i) => line !== before[i])).toHaveLength(14);
  });
});

/** A Nuxt 3 site with Tailwind 3 and daisyUI 4, whose config defines its own light theme. */
const nuxtDaisyUi = {
  'package.json': '{"dependencies":{"nuxt":"^3.15.0","vue":"^3.5.0"},"devDependencies":{"@nuxtjs/tailwindcss":"^6.13.0","daisyui":"^4.12.0"}}\n',
  'nuxt.config.ts': "export default defineNuxtConfig({ modules: ['@nuxtjs/tailwindcss'] });\n",
  'tailwind.config.js': [
    "module.exports = {",
    "  content: ['./components/**/*.vue', './pages/**/*.vue', './app.vue'],",
    "  plugins: [require('daisyui')],",
    '  daisyui: {',
    '    themes: [',
    '      {',
    '        roastery: {',
    "          primary: '#6f4e37',",
    "          'primary-content': '#ffffff',",
    "          neutral: '#3d3028',",
    "          'base-100': '#fffaf3',",
    '        },',
    '      },',
    "      'dark',",
    '    ],',
    '  },',
    '};',
    '',
  ].join('\n'),
  'app.vue': '<template>\n  <div>\n    <AppHeader />\n    <NuxtPage />\n  </div>\n</template>\n',
  'components/AppHeader.vue': [
    '<template>',
    '  <div class="navbar bg-base-100 shadow-sm">',
    '    <NuxtLink to="/" class="btn btn-ghost text-xl">Roastery</NuxtLink>',
    '    <ul class="menu menu-horizontal">',
    '      <li><NuxtLink to="/beans">Beans</NuxtLink></li>',
    '      <li><NuxtLink to="/about">About</NuxtLink></li>',
    '    </ul>',
    '    <NuxtLink to="/shop" class="btn btn-primary text-primary-content">Shop</NuxtLink>',
    '  </div>',
    '</template>',
    '',
  ].join('\n'),
  'pages/index.vue': '<template>\n  <main class="hero">\n    <h1 class="text-5xl font-bold">Coffee, roasted weekly</h1>\n  </main>\n</template>\n',
};

describe('daisyUI colour classes on a Nuxt site (daisyUI 4 as a plugin of tailwind.config.js)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(nuxtDaisyUi);
  });
  afterAll(() => site.cleanup());

  it('replaces bg-base-100 instead of adding a second, conflicting background class, and says the theme colour no longer applies', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar background dark blue' });
    expect(added(outcome)).toEqual(['+  <div class="navbar bg-blue-800 shadow-sm">']);
    expect(shown(outcome)).toContain('`bg-base-100` → `bg-blue-800` (dark blue)');
    expect(shown(outcome)).toContain('bg-base-100 is a daisyUI theme colour, which follows the active theme (dark mode included); bg-blue-800 is the same in every theme.');
  });

  it("offers the daisyUI theme's own colour when the one asked for looks like it", async () => {
    const outcome = await site.repo.propose({ command: 'section:navbar color:#3b2e26' });
    expect(outcome.kind).toBe('choice');
    if (outcome.kind !== 'choice') return;
    expect(shown(outcome)).toContain("The site's daisyUI theme has a colour close to #3b2e26: neutral (#3d3028, the class bg-neutral)");
    expect(outcome.candidates.map((c) => c.label)).toEqual(['bg-[#3b2e26]: #3b2e26, the same in every theme', "bg-neutral: the daisyUI theme's neutral (#3d3028)"]);
  });

  it('warns when a text colour would not read on the daisyUI background', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar text white' });
    expect(shown(outcome)).toMatch(/Contrast with the background \(bg-base-100\) is 1\.\d:1/);
  });

  it("changes the primary colour in the site's daisyUI theme, and only there", async () => {
    const config = await site.repo.commitOf({ description: 'make the primary colour green' }, 'tailwind.config.js');
    const before = site.repo.original('tailwind.config.js').split('\n');
    expect(config.split('\n').filter((line, i) => line !== before[i])).toEqual(["          primary: '#008000',"]);
  });
});

describe('daisyUI 5 on Tailwind 4 (`@plugin "daisyui"` and a theme in app.css) on a SvelteKit site', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': '{"devDependencies":{"@sveltejs/kit":"^2.0.0","svelte":"^5.0.0","tailwindcss":"^4.0.0","daisyui":"^5.0.0"}}\n',
      'svelte.config.js': "import adapter from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: adapter() } };\n",
      'src/app.css': [
        '@import "tailwindcss";',
        '@plugin "daisyui";',
        '',
        '@plugin "daisyui/theme" {',
        '  name: "studio";',
        '  default: true;',
        '  --color-primary: #180042;',
        '  --color-primary-content: #fefbf6;',
        '  --color-base-100: #fefbf6;',
        '}',
        '',
        '@plugin "daisyui/theme" {',
        '  name: "studio-dark";',
        '  prefersdark: true;',
        '  --color-primary: #c7b9f8;',
        '  --color-base-100: #1d1a24;',
        '}',
        '',
      ].join('\n'),
      'src/routes/+layout.svelte': '<script>\n  import "../app.css";\n</script>\n\n<div class="navbar bg-base-100 text-base-content">\n  <a href="/" class="btn btn-ghost text-xl">Studio</a>\n  <a href="/pricing">Pricing</a>\n  <a href="/blog">Blog</a>\n</div>\n<slot />\n',
      'src/routes/+page.svelte': '<main class="hero">\n  <h1 class="text-primary">Build your SaaS</h1>\n</main>\n',
    });
  });
  afterAll(() => site.cleanup());

  it('replaces the daisyUI background and text classes of the navbar', async () => {
    const background = await site.repo.propose({ description: 'make the navbar background dark blue' });
    expect(added(background)).toEqual(['+<div class="navbar bg-blue-800 text-base-content">']);
    const text = await site.repo.propose({ description: 'make the navbar text white' });
    expect(added(text)).toEqual(['+<div class="navbar bg-base-100 text-white">']);
  });

  it("changes the default theme's --color-primary, with the dark theme's as its twin", async () => {
    const css = await site.repo.commitOf({ description: 'change the brand colour to #0f766e' }, 'src/app.css');
    expect(css).toContain('  --color-primary: #0f766e;\n  --color-primary-content: #fefbf6;');
    const twin = /name: "studio-dark";\n {2}prefersdark: true;\n {2}--color-primary: (#[0-9a-f]{6});/.exec(css)?.[1] ?? '';
    expect(lightness(twin)).toBeGreaterThan(lightness('#0f766e'));
  });
});

/** A Docusaurus site whose navbar and footer use Infima's dark style (the classic template's footer does). */
function docusaurusSite(css: string): Record<string, string> {
  return {
    'package.json': '{"dependencies":{"@docusaurus/core":"3.10.2","@docusaurus/preset-classic":"3.10.2"}}\n',
    'docusaurus.config.js': [
      'export default {',
      "  title: 'My Site',",
      "  presets: [['classic', { theme: { customCss: './src/css/custom.css' } }]],",
      '  themeConfig: {',
      "    navbar: { title: 'My Site', style: 'dark', items: [{ to: '/blog', label: 'Blog' }, { to: '/docs', label: 'Docs' }] },",
      "    footer: { style: 'dark', links: [{ label: 'GitHub', href: 'https://github.com/acme' }, { label: 'Blog', to: '/blog' }], copyright: 'Copyright © Acme' },",
      '  },',
      '};',
      '',
    ].join('\n'),
    'src/pages/index.js': 'export default function Home() {\n  return <main><h1>My Site</h1></main>;\n}\n',
    'src/css/custom.css': css,
  };
}

describe("Docusaurus navbar and footer with style: 'dark' (Infima sets their colours on .navbar--dark and .footer--dark)", () => {
  const sites: Site[] = [];
  afterAll(() => sites.forEach((s) => s.cleanup()));

  it('writes the footer background in a .footer--dark rule of custom.css, where it takes effect, and says why', async () => {
    const site = await seedSiteFromFiles(docusaurusSite(':root {\n  --ifm-color-primary: #2e8555;\n}\n'));
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the footer background dark blue' });
    expect(added(outcome)).toEqual(['+', '+.footer--dark {', '+  --ifm-footer-background-color: #00008b;', '+}']);
    expect(shown(outcome)).toContain('--ifm-footer-background-color is added in a rule for .footer--dark: the theme sets it on that class of the element, where a :root value would not show.');
    const navbar = await site.repo.propose({ command: 'section:navbar color:#1e3a8a' });
    expect(added(navbar)).toEqual(['+', '+.navbar--dark {', '+  --ifm-navbar-background-color: #1e3a8a;', '+}']);
  });

  it('changes an existing .footer--dark value in place, never mistaking the class for the dark theme', async () => {
    const site = await seedSiteFromFiles(
      docusaurusSite(
        [':root {', '  --ifm-color-primary: #2e8555;', '}', '', '.footer--dark {', '  --ifm-footer-background-color: #1b1b1d;', '}', '', "[data-theme='dark'] .footer--dark {", '  --ifm-footer-background-color: #000000;', '}', ''].join('\n'),
      ),
    );
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the footer background dark blue' });
    expect(added(outcome)).toEqual(['+  --ifm-footer-background-color: #00008b;']);
    expect(diffOf(outcome)).toContain('-  --ifm-footer-background-color: #1b1b1d;');
    expect(shown(outcome)).toContain("The dark theme sets --ifm-footer-background-color too ([data-theme='dark'] .footer--dark: #000000); it is unchanged.");
  });
});

describe("colours set in a component's own <style> block", () => {
  const sites: Site[] = [];
  afterAll(() => sites.forEach((s) => s.cleanup()));

  it("changes the header background in a SvelteKit header's <style> (as the SvelteKit demo writes it), and the component still compiles", async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{"devDependencies":{"@sveltejs/kit":"^2.0.0","svelte":"^5.0.0","vite":"^6.0.0"}}\n',
      'svelte.config.js': "import adapter from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: adapter() } };\n",
      'src/app.css': 'body {\n  margin: 0;\n  background-color: #f0f0f0;\n}\n',
      'src/routes/+layout.svelte': [
        '<script>',
        "  import Header from './Header.svelte';",
        "  import '../app.css';",
        '</script>',
        '',
        '<div class="app">',
        '  <Header />',
        '  <main><slot /></main>',
        '  <footer><p>Made with SvelteKit</p></footer>',
        '</div>',
        '',
        '<style>',
        '  footer {',
        '    display: flex;',
        '    background-color: #f6f6f6;',
        '  }',
        '</style>',
        '',
      ].join('\n'),
      'src/routes/Header.svelte': [
        '<header>',
        '  <a href="/" class="brand">Acme</a>',
        '  <nav>',
        '    <ul>',
        '      <li><a href="/">Home</a></li>',
        '      <li><a href="/about">About</a></li>',
        '    </ul>',
        '  </nav>',
        '</header>',
        '',
        '<style>',
        '  header {',
        '    display: flex;',
        '    justify-content: space-between;',
        '    background-color: #ffffff;',
        '  }',
        '',
        '  nav {',
        '    --background: rgba(255, 255, 255, 0.7);',
        '  }',
        '</style>',
        '',
      ].join('\n'),
      'src/routes/+page.svelte': '<h1>Welcome to Acme</h1>\n',
    });
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the header background dark blue' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain('• **color** (`src/routes/Header.svelte:15`): `#ffffff` → `#00008b` (dark blue)');
    const header = await site.repo.confirm(outcome).then((branch) => site.repo.git('show', `${branch}:src/routes/Header.svelte`));
    expect(header.split('\n')[14]).toBe('    background-color: #00008b;');
    const { parse } = require('svelte/compiler') as { parse: (source: string, options: { modern: true }) => { css: unknown } };
    expect(parse(header, { modern: true }).css).toBeTruthy();
    const footer = await site.repo.propose({ command: 'section:footer color:#111111' });
    expect(added(footer)).toEqual(['+    background-color: #111111;']);
    expect(diffOf(footer)).toContain('+++ b/src/routes/+layout.svelte');
  });

  it("reads a Vue component's <style scoped lang=\"scss\">, and never takes another component's scoped rule for the same tag", async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"nuxt":"^3.15.0","vue":"^3.5.0"},"devDependencies":{"sass":"^1.80.0"}}\n',
      'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
      'app.vue': '<template>\n  <div>\n    <AppHeader />\n    <NuxtPage />\n  </div>\n</template>\n',
      'components/AppHeader.vue': [
        '<template>',
        '  <header>',
        '    <NuxtLink to="/" class="brand">Acme</NuxtLink>',
        '    <nav><NuxtLink to="/about">About</NuxtLink><NuxtLink to="/blog">Blog</NuxtLink></nav>',
        '  </header>',
        '</template>',
        '',
        '<style scoped lang="scss">',
        '// The bar at the top of every page',
        'header {',
        '  background-color: #ffffff;',
        '  a { color: #333333; }',
        '}',
        '</style>',
        '',
      ].join('\n'),
      'components/FeatureCard.vue': '<template>\n  <article>\n    <header><h3>{{ title }}</h3></header>\n  </article>\n</template>\n\n<script setup>\ndefineProps({ title: String });\n</script>\n\n<style scoped>\nheader {\n  background-color: #fafafa;\n}\n</style>\n',
      'pages/index.vue': '<template>\n  <main>\n    <h1>Acme</h1>\n    <FeatureCard title="Fast" />\n  </main>\n</template>\n',
    });
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the header background navy' });
    expect(diffOf(outcome)).toContain('+++ b/components/AppHeader.vue');
    expect(added(outcome)).toEqual(['+  background-color: #000080;']);
  });

  it('reads a Vue component\'s <style lang="sass"> in the indented syntax', async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"vue":"^3.5.0","vue-router":"^4.5.0"},"devDependencies":{"vite":"^6.0.0","sass":"^1.80.0"}}\n',
      'index.html': '<div id="app"></div><script type="module" src="/src/main.js"></script>\n',
      'src/main.js': "import { createApp } from 'vue';\nimport App from './App.vue';\ncreateApp(App).mount('#app');\n",
      'src/App.vue': '<template>\n  <footer class="site-footer">\n    <p>© Acme</p>\n  </footer>\n</template>\n\n<style lang="sass">\n.site-footer\n  background-color: #eeeeee\n  padding: 2rem\n</style>\n',
    });
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the footer background black' });
    expect(added(outcome)).toEqual(['+  background-color: #000000']);
  });

  it("reads an Astro component's <style>", async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"astro":"^5.0.0"}}\n',
      'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
      'src/pages/index.astro': "---\nimport Header from '../components/Header.astro';\n---\n<html>\n  <body>\n    <Header />\n    <h1>Café Olé</h1>\n  </body>\n</html>\n",
      'src/components/Header.astro': '---\nconst links = [{ href: "/menu", label: "Menü" }, { href: "/about", label: "Über uns" }];\n---\n<header class="site-header">\n  <a href="/">Café</a>\n  <nav>{links.map((l) => <a href={l.href}>{l.label}</a>)}</nav>\n</header>\n\n<style>\n  .site-header {\n    background: #fff8f0;\n  }\n</style>\n',
    });
    sites.push(site);
    const outcome = await site.repo.propose({ description: 'make the header background dark green' });
    expect(added(outcome)).toEqual(['+    background: #006400;']);
  });
});

/** A Gatsby site styled with Bulma through Sass in the indented syntax, as gatsby-starter-netlify-cms lays it out. */
const gatsbyBulma = {
  'package.json': '{"dependencies":{"gatsby":"^5.13.0","react":"^18.2.0","bulma":"^0.9.4","sass":"^1.69.0","gatsby-plugin-sass":"^6.13.0"}}\n',
  'gatsby-config.js': "module.exports = { siteMetadata: { title: 'Kestrel Coffee' }, plugins: ['gatsby-plugin-sass'] };\n",
  'src/components/all.sass': [
    '@import "~bulma/sass/utilities/initial-variables"',
    '',
    '// Brand colours, given to Bulma before it is imported',
    '$kestrel-brown: #6f4e37',
    '$primary: $kestrel-brown',
    '$navbar-background-color: #ffffff',
    '$footer-background-color: #111111',
    '',
    '@import "~bulma"',
    '',
    '.hero.is-primary',
    '  background-color: $kestrel-brown',
    '',
  ].join('\n'),
  'src/components/Layout.js': "import React from 'react';\nimport Navbar from './Navbar';\nimport Footer from './Footer';\nimport './all.sass';\n\nexport default function Layout({ children }) {\n  return (\n    <div>\n      <Navbar />\n      <div>{children}</div>\n      <Footer />\n    </div>\n  );\n}\n",
  'src/components/Navbar.js': [
    "import React from 'react';",
    "import { Link } from 'gatsby';",
    '',
    'export default function Navbar() {',
    '  return (',
    '    <nav className="navbar is-white" role="navigation">',
    '      <div className="navbar-brand"><Link to="/" className="navbar-item">Kestrel Coffee</Link></div>',
    '      <div className="navbar-menu">',
    '        <Link className="navbar-item" to="/about">About</Link>',
    '        <Link className="navbar-item" to="/shop">Shop</Link>',
    '      </div>',
    '    </nav>',
    '  );',
    '}',
    '',
  ].join('\n'),
  'src/components/Footer.js': "import React from 'react';\n\nexport default function Footer() {\n  return (\n    <footer className=\"footer has-text-white-ter\">\n      <p>© Kestrel Coffee Ltd.</p>\n    </footer>\n  );\n}\n",
  'src/pages/index.js': "import React from 'react';\nimport Layout from '../components/Layout';\n\nexport default function Index() {\n  return (\n    <Layout>\n      <section className=\"hero is-primary\"><h1 className=\"title\">Coffee roasted the week you drink it</h1></section>\n    </Layout>\n  );\n}\n",
};

describe('Bulma with Sass in the indented syntax (.sass)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(gatsbyBulma);
  });
  afterAll(() => site.cleanup());

  it("asks between Bulma's colour classes and the Sass variable for a navbar its is-white class paints", async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar background dark blue' });
    expect(outcome.kind).toBe('choice');
    if (outcome.kind !== 'choice') return;
    expect(shown(outcome)).toContain('The navbar (<nav> in src/components/Navbar.js:6) is coloured by Bulma: its class is-white paints it, over $navbar-background-color (src/components/all.sass).');
    expect(outcome.candidates.map((c) => c.label)).toEqual([
      "is-link: Bulma's link colour (#485fc7), light text",
      "is-dark: Bulma's dark colour (#363636), light text",
      '$navbar-background-color: #00008b in src/components/all.sass, without is-white',
    ]);
    const variable = await site.repo.confirm(picked(outcome.candidates[2]));
    expect(changedLines(site.repo.original('src/components/all.sass'), site.repo.git('show', `${variable}:src/components/all.sass`))).toEqual({ removed: ['$navbar-background-color: #ffffff'], added: ['$navbar-background-color: #00008b'] });
    expect(site.repo.git('show', `${variable}:src/components/Navbar.js`)).toContain('    <nav className="navbar" role="navigation">');
    const link = await site.repo.confirm(picked(outcome.candidates[0]));
    expect(changedLines(site.repo.original('src/components/Navbar.js'), site.repo.git('show', `${link}:src/components/Navbar.js`))).toEqual({ removed: ['    <nav className="navbar is-white" role="navigation">'], added: ['    <nav className="navbar is-link" role="navigation">'] });
  });

  it('changes the Sass variable of a footer no colour class paints, and the .sass file still parses', async () => {
    const sass = await site.repo.commitOf({ description: 'make the footer background dark blue' }, 'src/components/all.sass');
    expect(changedLines(site.repo.original('src/components/all.sass'), sass)).toEqual({ removed: ['$footer-background-color: #111111'], added: ['$footer-background-color: #00008b'] });
    const { sass: indented } = require('sass-parser') as { sass: { parse: (text: string) => unknown } };
    expect(() => indented.parse(sass)).not.toThrow();
  });

  it('answers a text colour the is-white class sets with a question naming what to ask for', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar text white' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/^The navbar \(<nav> in src\/components\/Navbar\.js:6\) takes its text colour from Bulma's colour class is-white/);
  });

  it('takes $primary as the brand colour, through the variable it names', async () => {
    const outcome = await site.repo.propose({ description: 'make the primary colour green' });
    expect(shown(outcome)).toContain('• **primary-color** (`src/components/all.sass:5`): `$kestrel-brown (#6f4e37)` → `#008000` (green)');
    expect(shown(outcome)).toContain('$primary was $kestrel-brown; $kestrel-brown itself keeps #6f4e37 wherever else it is used.');
    expect(added(outcome)).toEqual(['+$primary: #008000']);
  });
});

describe('a Vite + React site styled with Sass in the indented syntax, without Bulma', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(
      viteReactSite(
        { sass: '1' },
        {
          'src/App.jsx': "import './App.sass';\n\nexport default function App() {\n  return (\n    <>\n      <header className=\"site-header\"><a href=\"/\">Acme</a></header>\n      <main><h1>Hello</h1></main>\n      <footer className=\"site-footer\"><p>© Acme</p></footer>\n    </>\n  );\n}\n",
          'src/App.sass': '$header-bg: #FFF\n\n.site-header\n  background-color: $header-bg\n  padding: 1rem\n\n.site-footer\n  background-color: darken($header-bg, 10%)\n',
        },
      ),
    );
  });
  afterAll(() => site.cleanup());

  it('follows a rule to the Sass variable it uses, and changes the variable as written', async () => {
    const outcome = await site.repo.propose({ description: 'make the header background dark blue' });
    expect(added(outcome)).toEqual(['+$header-bg: #00008b']);
    expect(diffOf(outcome)).toContain('-$header-bg: #FFF');
  });

  it('refuses a colour computed by a Sass function rather than overwriting the function', async () => {
    const outcome = await site.repo.propose({ description: 'make the footer background black' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('background-color in src/App.sass:8 is computed (darken($header-bg, 10%)), not written as a colour');
  });
});
