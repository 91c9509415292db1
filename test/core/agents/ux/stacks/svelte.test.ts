import { parse as parseSvelte } from 'svelte/compiler';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';
import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on a SvelteKit 2 + Svelte 5 site (examples/sites/sveltekit-tailwind), through a
 * real local git repository: what /ux-map finds, and the exact lines each request commits.
 */
const LAYOUT = 'src/routes/+layout.svelte';
const HOME = 'src/routes/+page.svelte';
const CONFIG = 'src/lib/config.ts';

/** The visible words of the first element with this tag, as Svelte itself parses the file. */
function textOf(source: string, tag: string): string {
  type Node = { type: string; name?: string; data?: string; fragment?: { nodes: Node[] } };
  const words = (node: Node): string => (node.type === 'Text' ? (node.data ?? '') : (node.fragment?.nodes ?? []).map(words).join(''));
  const find = (nodes: Node[]): Node | undefined => {
    for (const node of nodes) {
      if (node.type === 'RegularElement' && node.name === tag) return node;
      const inner = find(node.fragment?.nodes ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  const root = parseSvelte(source, { modern: true }) as unknown as { fragment: { nodes: Node[] } };
  const found = find(root.fragment.nodes);
  if (!found) throw new Error(`no <${tag}> in the file`);
  return words(found).replace(/\s+/g, ' ').trim();
}

describe('a SvelteKit site (sveltekit-tailwind)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('sveltekit-tailwind'));
  });
  afterAll(() => repo.remove());

  it('/ux-map names SvelteKit, its routes and every landmark with file:line, the brand and description read through $lib', async () => {
    const outcome = await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext);
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^SvelteKit · `main` at `[0-9a-f]{7}` · home page `src\/routes\/\+page\.svelte`/);
    for (const line of [
      'pages (3): / (src/routes/+page.svelte), /contact (src/routes/contact/+page.svelte), /pricing (src/routes/pricing/+page.svelte)',
      `header — <header> in ${LAYOUT}:18`,
      `  text (text): "Northwind" ${CONFIG}:1`,
      `navbar — <nav> in ${LAYOUT}:19`,
      `  links (links): "Home, Pricing, Blog, Contact" ${LAYOUT}:8`,
      `footer — <footer> in ${LAYOUT}:57`,
      `  links (links): "Privacy, Terms, GitHub" ${LAYOUT}:63`,
      `  hero-text (text): "Release notes your customers actually r…" ${HOME}:28`,
      `  cta-text (text): "Start your free trial" ${HOME}:36`,
      '  primary-color (color): tailwind.config.js:14',
      `  description (text): "Northwind turns merged pull requests in…" ${CONFIG}:4`,
    ]) expect(text).toContain(line);
  });

  it('changes the hero headline asked in plain words, in +page.svelte only, and the file still parses', async () => {
    const after = await repo.commitOf({ description: 'change the hero headline to "Ship faster with Acme"' }, HOME);
    expect(changedLines(repo.original(HOME), after)).toEqual({
      removed: ['\t\t\tRelease notes your customers <span class="text-primary-600">actually read</span>'],
      added: ['\t\t\tShip faster with Acme'],
    });
    expect(textOf(after, 'h1')).toBe('Ship faster with Acme');
  });

  it('writes braces and angle brackets as entities, so a visitor reads them and Svelte sees no expression', async () => {
    const after = await repo.commitOf({ command: 'section:home hero-text:"Pay {less} <now> & later"' }, HOME);
    expect(changedLines(repo.original(HOME), after).added).toEqual(['\t\t\tPay &#123;less&#125; &lt;now&gt; &amp; later']);
    expect(textOf(after, 'h1')).toBe('Pay {less} <now> & later');
  });

  it('changes the button label that sits before a Prettier-broken closing tag (`</a` + `>` on the next line)', async () => {
    const after = await repo.commitOf({ description: 'change the "Start your free trial" button to "Join the waitlist"' }, HOME);
    expect(changedLines(repo.original(HOME), after)).toEqual({ removed: ['\t\t\t\t>Start your free trial</a'], added: ['\t\t\t\t>Join the waitlist</a'] });
  });

  it('paints the header element that carries bg-white/90 for a structured navbar colour, keeping the opacity', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, LAYOUT);
    expect(changedLines(repo.original(LAYOUT), after)).toEqual({
      removed: ['<header class="sticky top-0 z-40 border-b border-gray-200 bg-white/90 backdrop-blur">'],
      added: ['<header class="sticky top-0 z-40 border-b border-gray-200 bg-blue-900/90 backdrop-blur">'],
    });
  });

  it('adds and removes navbar links in the array the {#each} block renders', async () => {
    const added = await repo.commitOf({ description: 'add a link "Docs" to /docs in the navbar' }, LAYOUT);
    expect(changedLines(repo.original(LAYOUT), added)).toEqual({
      removed: ["\t\t{ href: '/contact', label: 'Contact' }"],
      added: ["\t\t{ href: '/contact', label: 'Contact' },", "\t\t{ href: '/docs', label: 'Docs' }"],
    });
    const removed = await repo.commitOf({ description: 'remove the Blog link from the navbar' }, LAYOUT);
    expect(changedLines(repo.original(LAYOUT), removed)).toEqual({ removed: ["\t\t{ href: '/blog', label: 'Blog' },"], added: [] });
    expect(() => parseSvelte(removed, { modern: true })).not.toThrow();
  });

  it('renames the site where $lib/config.ts keeps it, not in the layout that prints {siteName}', async () => {
    const outcome = await repo.propose({ command: 'section:header text:"Acme Studio"' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain(`The text comes from ${CONFIG}, so it is changed there (everywhere it is shown).`);
    const branch = await repo.confirm(outcome);
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim()).toBe(CONFIG);
    expect(changedLines(repo.original(CONFIG), repo.git('show', `${branch}:${CONFIG}`))).toEqual({ removed: ["export const siteName = 'Northwind';"], added: ["export const siteName = 'Acme Studio';"] });
  });

  it('changes the meta description in the config module <svelte:head> reads, never the hero paragraph', async () => {
    const after = await repo.commitOf({ description: 'change the site\'s meta description to "Release notes on autopilot."' }, CONFIG);
    expect(changedLines(repo.original(CONFIG), after)).toEqual({
      removed: ["\t'Northwind turns merged pull requests into release notes, changelogs and in-app announcements your customers actually read.';"],
      added: ["\t'Release notes on autopilot.';"],
    });
  });

  it('keeps the © and the {new Date().getFullYear()} expression when the copyright holder changes', async () => {
    const after = await repo.commitOf({ description: 'change the footer copyright to "Acme Inc. All rights reserved."' }, LAYOUT);
    expect(changedLines(repo.original(LAYOUT), after).added).toEqual(['\t\t<p>&copy; {new Date().getFullYear()} Acme Inc. All rights reserved.</p>']);
  });

  it('changes the contact e-mail in the mailto link and in the text a visitor reads, on the contact page', async () => {
    const page = 'src/routes/contact/+page.svelte';
    const after = await repo.commitOf({ description: 'change the contact email to hello@acme.com' }, page);
    expect(changedLines(repo.original(page), after)).toEqual({
      removed: ['\t\t<a href="mailto:hello@northwind.dev" class="font-semibold text-primary-600 hover:underline"', '\t\t\t>hello@northwind.dev</a'],
      added: ['\t\t<a href="mailto:hello@acme.com" class="font-semibold text-primary-600 hover:underline"', '\t\t\t>hello@acme.com</a'],
    });
  });

  it('changes a text on another route (src/routes/contact/+page.svelte) named by its page', async () => {
    const page = 'src/routes/contact/+page.svelte';
    const after = await repo.commitOf({ description: 'on the contact page, change "Talk to us" to "Say hello"' }, page);
    expect(textOf(after, 'h1')).toBe('Say hello');
    expect(changedLines(repo.original(page), after).removed).toEqual(['\t<h1 class="text-4xl font-bold tracking-tight text-gray-900">Talk to us</h1>']);
  });

  it('asks which place when a button label only begins with the quoted words, and changes nothing unasked', async () => {
    const outcome = await repo.propose({ description: 'change "See how it works" to "Watch the demo"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('No text reads exactly "See how it works", but "See how it works →" begins with it.');
  });
});

describe('SvelteKit import aliases ($lib and kit.alias in svelte.config.js)', () => {
  let repo: FixtureRepo;
  let cleanup: () => void;
  const HEADER = 'src/lib/components/SiteHeader.svelte';
  beforeAll(async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('sveltekit-tailwind')));
    ({ repo, cleanup } = await seedSiteFromFiles({
      ...files,
      'svelte.config.js': "import adapter from '@sveltejs/adapter-auto';\n\nexport default {\n\tkit: {\n\t\tadapter: adapter(),\n\t\talias: { $components: 'src/lib/components', '$data/*': './src/lib/data/*' }\n\t}\n};\n",
      'src/lib/data/navigation.ts': "export const navLinks = [\n\t{ href: '/features', label: 'Features' },\n\t{ href: '/pricing', label: 'Pricing' }\n];\n",
      [HEADER]: "<script lang=\"ts\">\n\timport { navLinks } from '$data/navigation';\n\timport { siteName } from '$lib/config';\n</script>\n\n<header class=\"bg-slate-900 text-white\">\n\t<nav class=\"flex gap-6\">\n\t\t<a href=\"/\" class=\"font-bold\">{siteName}</a>\n\t\t{#each navLinks as link}\n\t\t\t<a href={link.href}>{link.label}</a>\n\t\t{/each}\n\t</nav>\n</header>\n",
      [LAYOUT]: "<script lang=\"ts\">\n\timport '../app.css';\n\timport SiteHeader from '$components/SiteHeader.svelte';\n\n\tlet { children } = $props();\n</script>\n\n<SiteHeader />\n{@render children()}\n<footer><p>&copy; 2025 Northwind Labs</p></footer>\n",
    }));
  });
  afterAll(() => cleanup());

  it('follows a component imported through a kit.alias and the nav array through a `/*` alias', async () => {
    const text = shown(await repo.agent.propose(uxRequest({ section: 'navbar' }, 'ux-map'), uxContext));
    expect(text).toContain(`navbar — <nav> in ${HEADER}:7`);
    expect(text).toContain(`  brand (text): "Northwind" ${CONFIG}:1`);
    expect(text).toContain('  links (links): "Features, Pricing" src/lib/data/navigation.ts:1');
  });

  it('adds a navbar link in the aliased data module', async () => {
    const after = await repo.commitOf({ command: 'section:navbar add-link:"Blog:/blog"' }, 'src/lib/data/navigation.ts');
    expect(changedLines(repo.original('src/lib/data/navigation.ts'), after)).toEqual({
      removed: ["\t{ href: '/pricing', label: 'Pricing' }"],
      added: ["\t{ href: '/pricing', label: 'Pricing' },", "\t{ href: '/blog', label: 'Blog' }"],
    });
  });
});
