import { parse as parseScript } from '@babel/parser';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';
import { astroCompiler } from '../../../../../lambda/core/agents/ux/discovery/stacks/astro';
import { brokenBy } from '../../../../../lambda/core/agents/ux/edits/verify';
import type { ProposalOutcome } from '../../../../../lambda/core/domain/agent';

/**
 * The UX Agent on an Astro + Tailwind 4 site it has never seen (examples/sites/astro-tailwind4):
 * requests go through the real agent, are confirmed into a real git repository, and the
 * committed lines are compared with what a careful person would have written.
 */
const HEADER = 'src/components/Header.astro';
const FOOTER = 'src/components/Footer.astro';
const HOME = 'src/pages/index.astro';

interface AstroNode {
  type: string;
  name?: string;
  children?: AstroNode[];
}

/** The element names of an .astro file in document order, as Astro's own compiler reads them. */
function astroElements(source: string): string[] {
  const out: string[] = [];
  const walk = (node: AstroNode) => {
    if (node.name) out.push(node.name);
    node.children?.forEach(walk);
  };
  walk(astroCompiler().parse(source).ast as AstroNode);
  return out;
}

/** The front matter and every `{expression}` of an .astro file, as Astro converts them to TSX, parsed by Babel (throws when broken). */
function parseAstroScript(source: string): void {
  const tsx = (astroCompiler() as unknown as { convertToTSX(source: string, options: object): { code: string } }).convertToTSX(source, {}).code;
  parseScript(tsx, { sourceType: 'module', plugins: ['jsx', 'typescript'], allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
}

const candidatesOf = (outcome: ProposalOutcome) => {
  if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
  return outcome.candidates;
};

describe('Astro + Tailwind 4 (astro-tailwind4)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('astro-tailwind4'));
  });
  afterAll(() => repo.remove());

  it('/ux-map names the stack, the home page and each landmark with its file and line', async () => {
    const outcome = await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext);
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^Astro · `main` at `[0-9a-f]{7}` · home page `src\/pages\/index\.astro`/);
    for (const line of [
      `header — <header> in ${HEADER}:14`,
      '  text (text): "Orbit Analytics" src/consts.ts:4',
      `  links (links): "Home, Pricing, About, Contact" ${HEADER}:4`,
      `navbar — <nav> in ${HEADER}:15`,
      `footer — <footer> in ${FOOTER}:5`,
      `  links (links): "Privacy, Terms, Status" ${FOOTER}:9`,
      `home — <section> in ${HOME}:21`,
      `  hero-text (text): "Know what your users do, not who they a…" ${HOME}:23`,
      `  cta-text (text): "Start your free trial" ${HOME}:30`,
      '  primary-color (color): src/styles/global.css:11',
      '  title (text): "Orbit Analytics" src/consts.ts:4',
      '  description (text): "Privacy-first product analytics for sma…" src/consts.ts:5',
    ])
      expect(text).toContain(line);
    // The mobile menu repeats the links: it is never the list that is edited.
    expect(text).not.toContain(`${HEADER}:42`);
  });

  it('changes the hero headline in the page, the <span> inside it going with the old words', async () => {
    const outcome = await repo.propose({ description: 'change the hero headline to "Ship faster with Acme"' });
    expect(shown(outcome)).toContain('_The formatting inside the old words (<span>not who they are</span>) is replaced with them._');
    const branch = await repo.confirm(outcome);
    const after = repo.git('show', `${branch}:${HOME}`);
    expect(changedLines(repo.original(HOME), after)).toEqual({
      removed: ['      Know what your users do, <span class="text-primary-600">not who they are</span>'],
      added: ['      Ship faster with Acme'],
    });
    // Every element stays but the <span> inside the <h1>, which went with the old words.
    const spanInHeadline = (name: string, i: number, all: string[]) => name === 'span' && all[i - 1] === 'h1';
    expect(astroElements(after)).toEqual(astroElements(repo.original(HOME)).filter((name, i, all) => !spanInHeadline(name, i, all)));
    expect(() => parseAstroScript(after)).not.toThrow();
  });

  it('changes the copyright holder and keeps `&copy; {today.getFullYear()}` as it is (structured command)', async () => {
    const after = await repo.commitOf({ command: 'section:footer text:"Acme Inc. All rights reserved."' }, FOOTER);
    expect(changedLines(repo.original(FOOTER), after)).toEqual({
      removed: ['    <p class="text-sm">&copy; {today.getFullYear()} Orbit Analytics, Inc. All rights reserved.</p>'],
      added: ['    <p class="text-sm">&copy; {today.getFullYear()} Acme Inc. All rights reserved.</p>'],
    });
    expect(astroElements(after)).toEqual(astroElements(repo.original(FOOTER)));
    expect(() => parseAstroScript(after)).not.toThrow();
  });

  it('adds a link to the navLinks array of the front matter, written like its neighbours', async () => {
    const after = await repo.commitOf({ command: 'section:navbar add-link:"Blog:/blog"' }, HEADER);
    expect(changedLines(repo.original(HEADER), after)).toEqual({ removed: [], added: ["  { href: '/blog', label: 'Blog' },"] });
    expect(() => parseAstroScript(after)).not.toThrow();
  });

  it('removes a nav link by name (plain language)', async () => {
    const after = await repo.commitOf({ description: 'remove the About link from the navbar' }, HEADER);
    expect(changedLines(repo.original(HEADER), after)).toEqual({ removed: ["  { href: '/about', label: 'About' },"], added: [] });
  });

  it('paints the navbar on the <header> that carries its background, keeping the opacity modifier', async () => {
    const outcome = await repo.propose({ description: 'make the navbar background dark blue' });
    expect(shown(outcome)).toContain(`• **color** (\`${HEADER}:14\`): \`bg-white/90\` → \`bg-blue-800/90\` (dark blue)`);
    const branch = await repo.confirm(outcome);
    const after = repo.git('show', `${branch}:${HEADER}`);
    expect(changedLines(repo.original(HEADER), after)).toEqual({
      removed: ['<header class="sticky top-0 z-50 border-b border-gray-200 bg-white/90 backdrop-blur">'],
      added: ['<header class="sticky top-0 z-50 border-b border-gray-200 bg-blue-800/90 backdrop-blur">'],
    });
    expect(astroElements(after)).toEqual(astroElements(repo.original(HEADER)));
  });

  it('asks whether the site name changes everywhere (SITE_TITLE, also the SEO title) or only in the header', async () => {
    const outcome = await repo.propose({ command: 'section:header text:"Test Deploy"' });
    const candidates = candidatesOf(outcome);
    expect(candidates.map((c) => c.label)).toEqual(['Everywhere (also the site title in search results and the browser tab)', 'Only in the header']);
    const everywhere = await repo.confirm(picked(candidates[0]));
    expect(changedLines(repo.original('src/consts.ts'), repo.git('show', `${everywhere}:src/consts.ts`))).toEqual({
      removed: ["export const SITE_TITLE = 'Orbit Analytics';"],
      added: ["export const SITE_TITLE = 'Test Deploy';"],
    });
    const onlyHere = await repo.confirm(picked(candidates[1]));
    expect(changedLines(repo.original(HEADER), repo.git('show', `${onlyHere}:${HEADER}`))).toEqual({
      removed: ['    <a href="/" class="text-lg font-bold tracking-tight text-gray-900">{SITE_TITLE}</a>'],
      added: ['    <a href="/" class="text-lg font-bold tracking-tight text-gray-900">Test Deploy</a>'],
    });
  });

  it('changes a plan price in the JSON the pricing page imports', async () => {
    const after = await repo.commitOf({ description: 'the Growth plan now costs $59 a month, update the pricing page' }, 'src/data/pricing.json');
    expect(changedLines(repo.original('src/data/pricing.json'), after)).toEqual({ removed: ['      "price": "$49",'], added: ['      "price": "$59",'] });
  });

  it('changes a FAQ answer in the content collection file, beside its question', async () => {
    const after = await repo.commitOf({ description: 'in the FAQ, change the answer to "Can I get a refund?" to "Yes, within 60 days, no questions asked."' }, 'src/data/faq.json');
    expect(changedLines(repo.original('src/data/faq.json'), after)).toEqual({
      removed: ['    "answer": "Yes. If Orbit is not for you, write to us within 30 days and we refund the full amount."'],
      added: ['    "answer": "Yes, within 60 days, no questions asked."'],
    });
  });

  it('changes the contact e-mail in the link and its label on the contact page', async () => {
    const after = await repo.commitOf({ description: 'change the contact email to help@orbit.dev' }, 'src/pages/contact.astro');
    expect(changedLines(repo.original('src/pages/contact.astro'), after)).toEqual({
      removed: ['      <a href="mailto:hello@orbit-analytics.example" class="font-medium text-primary-600 underline">hello@orbit-analytics.example</a>'],
      added: ['      <a href="mailto:help@orbit.dev" class="font-medium text-primary-600 underline">help@orbit.dev</a>'],
    });
    expect(astroElements(after)).toEqual(astroElements(repo.original('src/pages/contact.astro')));
  });

  it('changes the meta description where BaseHead gets it: the SITE_DESCRIPTION default of the layout (Astro.props as Props)', async () => {
    const outcome = await repo.propose({ description: 'change the meta description to "Cookie-free product analytics for small teams."' });
    expect(outcome.kind).toBe('proposal');
    const branch = await repo.confirm(outcome);
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim()).toBe('src/consts.ts');
    expect(changedLines(repo.original('src/consts.ts'), repo.git('show', `${branch}:src/consts.ts`)).added).toEqual(["export const SITE_DESCRIPTION = 'Cookie-free product analytics for small teams.';"]);
  });

  it('changes the brand colour as the whole @theme scale of --color-primary-*', async () => {
    const after = await repo.commitOf({ description: 'make the primary colour green' }, 'src/styles/global.css');
    const { removed, added } = changedLines(repo.original('src/styles/global.css'), after);
    expect(removed).toHaveLength(10);
    expect(added.map((line) => line.split(':')[0].trim())).toEqual(removed.map((line) => line.split(':')[0].trim()));
    expect(added.every((line) => /^ {2}--color-primary-\d+: oklch\([\d.]+ [\d.]+ [\d.]+\);$/.test(line))).toBe(true);
    expect(added.join('\n')).not.toContain(' 265)');
  });

  it('changes text on a Markdown page named in the request', async () => {
    const after = await repo.commitOf({ description: 'on the about page, change "What we believe" to "Our principles"' }, 'src/pages/about.md');
    expect(changedLines(repo.original('src/pages/about.md'), after)).toEqual({ removed: ['## What we believe'], added: ['## Our principles'] });
  });

  it('asks which colour when none is given, and proposes nothing', async () => {
    const outcome = await repo.propose({ description: 'change the navbar colour' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/^Which colour should the navbar be\?/);
  });

  it('refuses, with a sentence naming the file, an edit that would leave Header.astro with an unclosed element', () => {
    const before = repo.original(HEADER);
    const after = before.replace('    </ul>\n    <a href="/pricing"', '    <a href="/pricing"');
    expect(after).not.toBe(before);
    expect(brokenBy(HEADER, before, after)).toBe(`The edit would change the structure of ${HEADER} (its elements no longer read as before), so nothing was changed.`);
    expect(brokenBy(HEADER, before, before.replace('Start free trial', 'Try Orbit'))).toBeUndefined();
  });
});

describe('Astro components that read their props as `Astro.props as Props`', () => {
  it('follows the hero text to the page that passes it', async () => {
    const { repo, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "astro": "^5.4.2" } }\n',
      'src/components/Hero.astro': [
        '---',
        'export interface Props {',
        '  title: string;',
        '  subtitle?: string;',
        '}',
        '',
        "const { title, subtitle = 'Built for teams who ship.' } = Astro.props as Props;",
        '---',
        '',
        '<section class="hero bg-gray-50 py-20">',
        '  <h1 class="text-5xl font-bold">{title}</h1>',
        '  {subtitle ? <p class="mt-4 text-lg">{subtitle}</p> : null}',
        '</section>',
        '',
      ].join('\n'),
      'src/pages/index.astro': ['---', "import Hero from '../components/Hero.astro';", '---', '', '<Hero', '  title="Analytics without the guilt"', '  subtitle="Orbit counts what matters."', '/>', ''].join('\n'),
    });
    try {
      const after = await repo.commitOf({ description: 'change the hero headline to "Count what matters"' }, 'src/pages/index.astro');
      expect(changedLines(repo.original('src/pages/index.astro'), after)).toEqual({ removed: ['  title="Analytics without the guilt"'], added: ['  title="Count what matters"'] });
    } finally {
      cleanup();
    }
  });
});

describe('an Astro component named like an HTML void element (Base, Link, Meta)', () => {
  it('keeps what it wraps: a <Base> layout around the page is not an empty <base>', async () => {
    const { repo, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "astro": "^5.4.2" } }\n',
      'src/layouts/Base.astro': ['---', "const { title } = Astro.props;", '---', '<html><head><title>{title}</title></head><body><header class="bg-white"><a href="/">Acme</a><nav><a href="/docs">Docs</a><a href="/blog">Blog</a></nav></header><slot /></body></html>', ''].join('\n'),
      'src/pages/index.astro': ['---', "import Base from '../layouts/Base.astro';", '---', '<Base title="Acme">', '  <section class="hero"><h1>Ship with Acme</h1></section>', '</Base>', ''].join('\n'),
    });
    try {
      const after = await repo.commitOf({ description: 'change the hero headline to "Ship faster"' }, 'src/pages/index.astro');
      expect(changedLines(repo.original('src/pages/index.astro'), after)).toEqual({ removed: ['  <section class="hero"><h1>Ship with Acme</h1></section>'], added: ['  <section class="hero"><h1>Ship faster</h1></section>'] });
    } finally {
      cleanup();
    }
  });
});
