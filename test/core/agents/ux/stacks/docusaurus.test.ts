import { parse as parseScript } from '@babel/parser';
import postcss from 'postcss';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on a Docusaurus 3 site with a TypeScript config (examples/sites/docusaurus-ts),
 * through a real local git repository: the navbar and footer live in docusaurus.config.ts, the
 * colours are Infima variables in src/css/custom.css, the hero is React in src/pages/index.tsx.
 */
const CONFIG = 'docusaurus.config.ts';
const CSS = 'src/css/custom.css';
const HOME = 'src/pages/index.tsx';

const parsesAsTypeScript = (source: string) => parseScript(source, { sourceType: 'module', plugins: ['typescript'] });

/** The declarations of a rule, as postcss reads the stylesheet. */
function declarationsOf(css: string, selector: string): Record<string, string> {
  const found: Record<string, string> = {};
  postcss.parse(css).walkRules((rule) => {
    if (rule.selector === selector) rule.walkDecls((decl) => void (found[decl.prop] = decl.value));
  });
  return found;
}

describe('a Docusaurus site (docusaurus-ts)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('docusaurus-ts'));
  });
  afterAll(() => repo.remove());

  it('/ux-map names Docusaurus, its pages, and places the navbar, footer and copyright at their lines of the config', async () => {
    const outcome = await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext);
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^Docusaurus · `main` at `[0-9a-f]{7}` · home page `src\/pages\/index\.tsx`/);
    for (const line of [
      `pages (2): / (${HOME}), /pricing (src/pages/pricing.md)`,
      `header — <header> in ${CONFIG}:51`,
      `navbar — <nav> in ${CONFIG}:51`,
      `  brand (text): "Lumen" ${CONFIG}:52`,
      `  links (links): "Docs, Changelog, Pricing, GitHub" ${CONFIG}:57`,
      `footer — <footer> in ${CONFIG}:82`,
      `  text (text): "Copyright © \${new Date().getFullYear()}…" ${CONFIG}:107`,
      `home — <header> in ${HOME}:14`,
      `  description (text): "Tracing and logs for teams that deploy …" ${CONFIG}:9`,
      `  cta-text (text): "Send your first trace" ${HOME}:21`,
      `  primary-color (color): ${CSS}:7`,
    ]) expect(text).toContain(line);
    // The dropdown's entries are a submenu, not navbar links.
    expect(text).not.toMatch(/links \(links\): "[^"]*Discord[^"]*" docusaurus\.config\.ts:57/);
  });

  it('changes the copyright holder inside the template literal, keeping the year expression, and says where', async () => {
    const outcome = await repo.propose({ description: 'change the footer copyright to "Acme Inc. All rights reserved."' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain(`• **text** (\`${CONFIG}:107\`)`);
    const branch = await repo.confirm(outcome);
    const after = repo.git('show', `${branch}:${CONFIG}`);
    expect(changedLines(repo.original(CONFIG), after)).toEqual({
      removed: ['      copyright: `Copyright © ${new Date().getFullYear()} Lumen Observability, Inc. Built with Docusaurus.`,'],
      added: ['      copyright: `Copyright © ${new Date().getFullYear()} Acme Inc. All rights reserved.`,'],
    });
    expect(() => parsesAsTypeScript(after)).not.toThrow();
  });

  it('asks whether the hero headline, which is the site title, changes everywhere or only on the home page', async () => {
    const outcome = await repo.propose({ description: 'change the hero headline to "Ship faster with Acme"' });
    expect(outcome.kind).toBe('choice');
    if (outcome.kind !== 'choice') return;
    expect(outcome.candidates.map((c) => c.label)).toEqual(['Everywhere (also the site title in search results and the browser tab)', 'Only in the home']);
    const branch = await repo.confirm(picked(outcome.candidates[1]));
    expect(changedLines(repo.original(HOME), repo.git('show', `${branch}:${HOME}`))).toEqual({ removed: ['          {siteConfig.title}'], added: ['          Ship faster with Acme'] });
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim()).toBe(HOME);
  });

  it('sets the navbar background as an Infima variable in the :root rule of custom.css', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, CSS);
    expect(changedLines(repo.original(CSS), after)).toEqual({ removed: [], added: ['  --ifm-navbar-background-color: #1e3a8a;'] });
    expect(declarationsOf(after, ':root')['--ifm-navbar-background-color']).toBe('#1e3a8a');
    expect(declarationsOf(after, "[data-theme='dark']")['--ifm-navbar-background-color']).toBeUndefined();
  });

  it("sets the colours of a footer with style 'dark' in a .footer--dark rule, where Infima's own values are overridden", async () => {
    const background = await repo.commitOf({ description: 'make the footer background dark blue' }, CSS);
    expect(declarationsOf(background, '.footer--dark')['--ifm-footer-background-color']).toBe('#00008b');
    expect(declarationsOf(background, ':root')['--ifm-footer-background-color']).toBeUndefined();
    const text = await repo.commitOf({ description: 'make the footer text white' }, CSS);
    expect(declarationsOf(text, '.footer--dark')['--ifm-footer-link-color']).toBe('#ffffff');
  });

  it('removes a navbar item from themeConfig.navbar.items, and only that line', async () => {
    const after = await repo.commitOf({ description: 'take the Changelog link out of the top navigation' }, CONFIG);
    expect(changedLines(repo.original(CONFIG), after)).toEqual({ removed: ["        {to: '/blog', label: 'Changelog', position: 'left'},"], added: [] });
    expect(() => parsesAsTypeScript(after)).not.toThrow();
  });

  it('asks which footer column gets a new link, naming the columns by their titles', async () => {
    const outcome = await repo.propose({ description: 'add a link "Status" to https://status.lumen.dev in the footer' });
    expect(outcome.kind).toBe('choice');
    if (outcome.kind !== 'choice') return;
    expect(outcome.candidates.map((c) => c.label)).toEqual([
      `footer column "Docs" (Quick start, Pricing) in ${CONFIG}:87`,
      `footer column "Community" (Discord, Stack Overflow) in ${CONFIG}:94`,
      `footer column "Company" (Changelog, Contact) in ${CONFIG}:101`,
    ]);
    const branch = await repo.confirm(picked(outcome.candidates[1]));
    expect(changedLines(repo.original(CONFIG), repo.git('show', `${branch}:${CONFIG}`))).toEqual({ removed: [], added: ["            {label: 'Status', href: 'https://status.lumen.dev'},"] });
  });

  it('changes the brand colour with its six shades and their dark-theme twins', async () => {
    const before = repo.original(CSS).split('\n');
    const after = await repo.commitOf({ description: 'change our brand colour to teal #0f766e' }, CSS);
    const changed = after.split('\n').filter((line, i) => line !== before[i]);
    expect(after.split('\n')).toHaveLength(before.length);
    expect(changed).toHaveLength(14);
    expect(changed.every((line) => /^ {2}--ifm-color-primary(?:-(?:dark|darker|darkest|light|lighter|lightest))?: #[0-9a-f]{6};$/.test(line))).toBe(true);
    expect(declarationsOf(after, ':root')['--ifm-color-primary']).toBe('#0f766e');
    expect(declarationsOf(after, "[data-theme='dark']")['--ifm-color-primary']).not.toBe('#a78bfa');
    expect(declarationsOf(after, ':root')['--ifm-code-font-size']).toBe('95%');
  });

  it('changes the button label in src/pages/index.tsx', async () => {
    const after = await repo.commitOf({ description: 'change the "Send your first trace" button to "Start tracing"' }, HOME);
    expect(changedLines(repo.original(HOME), after)).toEqual({ removed: ['            Send your first trace'], added: ['            Start tracing'] });
  });

  it("changes a plan's price on the Markdown pricing page, under the plan's heading", async () => {
    const page = 'src/pages/pricing.md';
    const after = await repo.commitOf({ description: 'change the Team plan price to $59' }, page);
    expect(changedLines(repo.original(page), after)).toEqual({
      removed: ['$49 per month for up to 20 hosts and 30 days of history.'],
      added: ['$59 per month for up to 20 hosts and 30 days of history.'],
    });
  });
});

describe('a Docusaurus navbar with a style (navbar--dark, navbar--primary)', () => {
  const sites: Array<{ repo: FixtureRepo; cleanup: () => void }> = [];
  const withNavbarStyle = async (style: string) => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('docusaurus-ts')));
    const site = await seedSiteFromFiles({ ...files, [CONFIG]: files[CONFIG].replace("    navbar: {\n", `    navbar: {\n      style: '${style}',\n`) });
    sites.push(site);
    return site.repo;
  };
  afterAll(() => sites.forEach((s) => s.cleanup()));

  it("sets both navbar colours under style 'dark' in a .navbar--dark rule, whose class sets them on the element", async () => {
    const repo = await withNavbarStyle('dark');
    const background = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, CSS);
    expect(declarationsOf(background, '.navbar--dark')['--ifm-navbar-background-color']).toBe('#1e3a8a');
    const text = await repo.commitOf({ command: 'section:navbar text-color:#ffffff' }, CSS);
    expect(declarationsOf(text, '.navbar--dark')['--ifm-navbar-link-color']).toBe('#ffffff');
  });

  it("under style 'primary' sets the background in a .navbar--primary rule and the link colour in :root", async () => {
    const repo = await withNavbarStyle('primary');
    const background = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, CSS);
    expect(declarationsOf(background, '.navbar--primary')['--ifm-navbar-background-color']).toBe('#1e3a8a');
    const after = await repo.commitOf({ command: 'section:navbar text-color:#ffffff' }, CSS);
    expect(declarationsOf(after, ':root')['--ifm-navbar-link-color']).toBe('#ffffff');
  });
});

describe('a Docusaurus config that keeps the navbar items and the footer in named constants and modules', () => {
  let repo: FixtureRepo;
  let cleanup: () => void;
  const FOOTER = 'src/config/footer.ts';
  beforeAll(async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('docusaurus-ts')));
    const config = files[CONFIG]
      .replace("import type * as Preset from '@docusaurus/preset-classic';\n", "import type * as Preset from '@docusaurus/preset-classic';\nimport footer from './src/config/footer';\n\nconst navbarItems = [\n  {to: '/blog', label: 'Changelog', position: 'left'},\n  {to: '/pricing', label: 'Pricing', position: 'left'},\n];\n")
      .replace(/items: \[\n {8}\{\n {10}type: 'docSidebar'[\s\S]*?\n {6}\],\n {4}\},\n {4}footer: \{[\s\S]*?\n {4}\},\n {4}prism/, 'items: navbarItems,\n    },\n    footer,\n    prism');
    ({ repo, cleanup } = await seedSiteFromFiles({
      ...files,
      [CONFIG]: config,
      [FOOTER]: "// A simple footer: one row of links.\nexport default {\n  links: [\n    {label: 'Docs', to: '/docs/intro'},\n    {label: 'GitHub', href: 'https://github.com/lumen-hq/lumen'},\n  ],\n  copyright: `© ${new Date().getFullYear()} Lumen Observability, Inc.`,\n};\n",
    }));
  });
  afterAll(() => cleanup());

  it('finds the navbar links behind `items: navbarItems` and the footer imported from its module', async () => {
    expect(repo.original(CONFIG)).toContain('      items: navbarItems,\n    },\n    footer,\n');
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toContain(`  links (links): "Changelog, Pricing" ${CONFIG}:`);
    expect(text).toContain(`footer — <footer> in ${FOOTER}:2`);
    expect(text).toContain(`  links (links): "Docs, GitHub" ${FOOTER}:3`);
    expect(text).toContain(`  text (text): "© \${new Date().getFullYear()} Lumen Obs…" ${FOOTER}:7`);
  });

  it('adds a navbar link to the named array and changes the copyright in the footer module', async () => {
    const config = await repo.commitOf({ command: 'section:navbar add-link:"Showcase:/showcase"' }, CONFIG);
    expect(changedLines(repo.original(CONFIG), config)).toEqual({ removed: [], added: ["  {to: '/showcase', label: 'Showcase', position: 'left'},"] });
    const footer = await repo.commitOf({ description: 'change the footer copyright to "Acme Inc."' }, FOOTER);
    expect(changedLines(repo.original(FOOTER), footer)).toEqual({ removed: ['  copyright: `© ${new Date().getFullYear()} Lumen Observability, Inc.`,'], added: ['  copyright: `© ${new Date().getFullYear()} Acme Inc.`,'] });
  });
});
