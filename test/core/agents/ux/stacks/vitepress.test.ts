import { parse as babelParse } from '@babel/parser';
import { parse as parseYaml } from 'yaml';
import postcss from 'postcss';
import { fixtureDir } from '../../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on a VitePress site (examples/sites/vitepress-docs, as `vitepress init` writes it
 * into docs/): the default theme, inside the vitepress package, draws the navbar and footer from
 * docs/.vitepress/config.mts and the home page from index.md's front matter; the brand colour is
 * `--vp-c-brand-1` in the site's theme stylesheet. Edited files are parsed back with their own parser.
 */
const CONFIG = 'docs/.vitepress/config.mts';
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('vitepress-docs'));
});
afterAll(() => repo.remove());

async function committed(options: Record<string, string>, path: string): Promise<ReturnType<typeof changedLines> & { after: string }> {
  const after = await repo.commitOf(options, path);
  return { ...changedLines(repo.original(path), after), after };
}
const parsesAsTs = (text: string) => babelParse(text, { sourceType: 'module', plugins: ['typescript'] });
const front = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as { hero: Record<string, unknown> };

describe('/ux-map on a VitePress site', () => {
  it('names VitePress, the home page and what the theme draws from the config and the front matter', async () => {
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toMatch(/^VitePress · `main` at `[0-9a-f]{7}` · home page `docs\/index\.md`/);
    for (const line of ['  links (links): "Home, Guide, Changelog" docs/.vitepress/config.mts:9', '  description (text): "Drop one script tag into any form and g…" docs/index.md:8', '  primary-color (color): docs/.vitepress/theme/style.css:6']) expect(text).toContain(line);
  });
});

describe("the default theme's parts, changed where they are written", () => {
  it('asks which hero line is the headline (hero.name or hero.text), then changes the one picked in the front matter', async () => {
    const outcome = await repo.propose({ description: 'change the hero headline to "Rich text, plain forms"' });
    if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
    const text = outcome.candidates.find((c) => c.label.includes('Rich text for plain forms'));
    if (!text) throw new Error(`no hero.text candidate among ${outcome.candidates.map((c) => c.label).join(', ')}`);
    const branch = await repo.confirm(picked(text));
    const after = repo.git('show', `${branch}:docs/index.md`);
    expect(changedLines(repo.original('docs/index.md'), after)).toEqual({ removed: ['  text: "Rich text for plain forms"'], added: ['  text: "Rich text, plain forms"'] });
    expect(front(after).hero.name).toBe('Quillkit');
  });

  it("changes an action button's label in hero.actions", async () => {
    const { removed, added } = await committed({ description: 'change the "Get started" button to "Start now"' }, 'docs/index.md');
    expect({ removed, added }).toEqual({ removed: ['      text: Get started'], added: ['      text: Start now'] });
  });

  it('adds a themeConfig.nav link written like its siblings, and the config still parses', async () => {
    const { removed, added, after } = await committed({ description: 'add a link "Blog" to /blog/ in the navbar' }, CONFIG);
    expect({ removed, added }).toEqual({ removed: ["      { text: 'Changelog', link: 'https://github.com/quillkit/quillkit/releases' }"], added: ["      { text: 'Changelog', link: 'https://github.com/quillkit/quillkit/releases' },", "      { text: 'Blog', link: '/blog/' }"] });
    expect(() => parsesAsTs(after)).not.toThrow();
  });

  it('changes the footer copyright in themeConfig.footer', async () => {
    const { removed, added } = await committed({ description: 'change the footer copyright to "Copyright © 2026 Quillkit"' }, CONFIG);
    expect({ removed, added }).toEqual({ removed: ["      copyright: 'Copyright © 2024-present Quillkit contributors'"], added: ["      copyright: 'Copyright © 2026 Quillkit'"] });
  });

  it("changes the site's meta description in the config and a page's in its front matter", async () => {
    const site = await committed({ description: 'change the site\'s meta description to "The tiny rich-text editor for forms."' }, CONFIG);
    expect({ removed: site.removed, added: site.added }).toEqual({ removed: ['  description: "A tiny rich-text editor for forms.",'], added: ['  description: "The tiny rich-text editor for forms.",'] });
    const page = await committed({ description: 'on the getting started page, change the meta description to "Install Quillkit in a minute."' }, 'docs/guide/getting-started.md');
    expect({ removed: page.removed, added: page.added }).toEqual({ removed: ['description: Install Quillkit and turn a textarea into an editor.'], added: ['description: Install Quillkit in a minute.'] });
  });

  it('changes the brand colour in --vp-c-brand-1 with its steps and dark twins, and the stylesheet still parses', async () => {
    const { added, after } = await committed({ description: 'make the brand colour #0f766e' }, 'docs/.vitepress/theme/style.css');
    expect(added).toContain('  --vp-c-brand-1: #0f766e;');
    expect(added.filter((l) => l.includes('--vp-c-brand-')).length).toBe(7);
    expect(() => postcss.parse(after)).not.toThrow();
  });
});

describe('what the default theme owns', () => {
  it('refuses the navbar background with a sentence naming the theme and the stylesheet to set it in', async () => {
    const outcome = await repo.propose({ description: 'make the navbar background dark blue' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain("drawn by VitePress's default theme (inside the vitepress package, not in this repository)");
    expect(shown(outcome)).toContain('`--vp-nav-bg-color`');
    expect(shown(outcome)).toContain('docs/.vitepress/theme/style.css');
  });

  it('a site at the top of the repository with no theme stylesheet: the brand colour is a sentence, the title still changes', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "devDependencies": { "vitepress": "^1.6.3" } }\n',
      '.vitepress/config.js': "export default {\n  title: 'Pinecone',\n  themeConfig: {\n    siteTitle: 'Pinecone Docs',\n    nav: [{ text: 'Guide', link: '/guide' }]\n  }\n}\n",
      'index.md': '# Pinecone\n\nA forest of small tools.\n',
      'guide.md': '# Guide\n\nStart here.\n',
    });
    try {
      const after = await site.commitOf({ command: 'section:header text:"Pine Docs"' }, '.vitepress/config.js');
      expect(changedLines(site.original('.vitepress/config.js'), after)).toEqual({ removed: ["    siteTitle: 'Pinecone Docs',"], added: ["    siteTitle: 'Pine Docs',"] });
      const brand = await site.propose({ description: 'make the brand colour #be123c' });
      expect(brand.kind).toBe('rejected');
      expect(shown(brand)).toContain("the default theme's `--vp-c-brand-1`");
    } finally {
      cleanup();
    }
  });
});

describe("a theme stylesheet as `vitepress init` writes it: the brand steps taken from VitePress's indigo palette", () => {
  const STYLE = '.vitepress/theme/style.css';
  const files = {
    'package.json': '{ "devDependencies": { "vitepress": "^1.6.3" } }\n',
    '.vitepress/config.mts': "export default {\n  title: 'Pinecone',\n  themeConfig: { nav: [{ text: 'Guide', link: '/guide' }] }\n}\n",
    '.vitepress/theme/index.ts': "import DefaultTheme from 'vitepress/theme'\nimport './style.css'\nexport default DefaultTheme\n",
    [STYLE]: ':root {\n  --vp-c-default-1: var(--vp-c-gray-1);\n\n  --vp-c-brand-1: var(--vp-c-indigo-1);\n  --vp-c-brand-2: var(--vp-c-indigo-2);\n  --vp-c-brand-3: var(--vp-c-indigo-3);\n  --vp-c-brand-soft: var(--vp-c-indigo-soft);\n\n  --vp-c-tip-1: var(--vp-c-brand-1);\n}\n',
    'index.md': '---\nlayout: home\nhero:\n  name: Pinecone\n  tagline: A forest of small tools.\n---\n',
    'guide.md': '# Guide\n\nStart here.\n',
  };

  it('a colour VitePress has a palette for takes that palette, every step; another colour is written into the steps; the stylesheet still parses', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles(files);
    try {
      const green = await site.commitOf({ description: 'make the brand colour green' }, STYLE);
      expect(changedLines(site.original(STYLE), green).added).toEqual(['  --vp-c-brand-1: var(--vp-c-green-1);', '  --vp-c-brand-2: var(--vp-c-green-2);', '  --vp-c-brand-3: var(--vp-c-green-3);', '  --vp-c-brand-soft: var(--vp-c-green-soft);']);
      const teal = await site.commitOf({ description: 'change the primary colour to #0f766e' }, STYLE);
      const added = changedLines(site.original(STYLE), teal).added;
      expect(added[0]).toBe('  --vp-c-brand-1: #0f766e;');
      expect(added[2]).toBe('  --vp-c-brand-3: #0f766e;');
      expect(added[3]).toBe('  --vp-c-brand-soft: rgba(15, 118, 110, 0.14);');
      expect(teal).toContain('--vp-c-tip-1: var(--vp-c-brand-1);');
      expect(() => postcss.parse(teal)).not.toThrow();
    } finally {
      cleanup();
    }
  });
});

describe('a VitePress site with a theme of its own', () => {
  it('does not edit the default theme\'s navbar settings its own Layout never shows; page texts still change', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "devDependencies": { "vitepress": "^1.6.3", "vue": "^3.5.0" } }\n',
      '.vitepress/config.mts': "import { defineConfig } from 'vitepress'\n\nexport default defineConfig({\n  title: 'Fjord',\n  themeConfig: {\n    nav: [{ text: 'Blog', link: '/blog/' }]\n  }\n})\n",
      '.vitepress/theme/index.ts': "import Layout from './Layout.vue'\n\nexport default { Layout }\n",
      '.vitepress/theme/Layout.vue': '<template><main><Content /></main></template>\n',
      'index.md': '# Fjord\n\nNotes from a cold coast.\n',
    });
    try {
      const link = await site.propose({ description: 'add a link "About" to /about/ in the navbar' });
      expect(link.kind).not.toBe('proposal');
      const after = await site.commitOf({ description: 'change "Notes from a cold coast." to "Notes from a colder coast."' }, 'index.md');
      expect(changedLines(site.original('index.md'), after)).toEqual({ removed: ['Notes from a cold coast.'], added: ['Notes from a colder coast.'] });
    } finally {
      cleanup();
    }
  });
});
