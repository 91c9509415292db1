import { parse as parseScript } from '@babel/parser';
import { parse as parseYaml } from 'yaml';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';
import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../../lambda/core/domain/agent';

/**
 * The UX Agent on pages whose words live in content files: TinaCMS blocks in the front matter of
 * content/pages/home.mdx with content/global/index.json (examples/sites/tina-next), and Gatsby
 * pages whose Markdown front matter a template renders (examples/sites/gatsby-decap). Each request
 * goes through the real agent and a real git repository; edited files are read back with Babel,
 * yaml and JSON.parse.
 */
async function commitOf(repo: FixtureRepo, outcome: ProposalOutcome, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
  const branch = await repo.confirm(outcome);
  const after = repo.git('show', `${branch}:${path}`);
  return { lines: changedLines(repo.original(path), after), after, files: repo.git('diff', '--name-only', `main..${branch}`).trim().split('\n') };
}
const frontMatter = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;
const parsesAsScript = (text: string) => parseScript(text, { sourceType: 'module', plugins: ['jsx', 'typescript'] });
const uxMap = async (repo: FixtureRepo) => shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));

describe('TinaCMS on Next (tina-next)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('tina-next'));
  });
  afterAll(() => repo.remove());
  const committed = async (options: Record<string, string>, path: string) => commitOf(repo, await repo.propose(options), path);

  it('/ux-map finds the hero in the blocks of home.mdx, whose switch wraps each block in a <div>, and the header in global/index.json', async () => {
    const text = await uxMap(repo);
    expect(text).toMatch(/^TinaCMS on Next\.js \(app router\) · `main` at `[0-9a-f]{7}` · home page `content\/pages\/home\.mdx`/);
    for (const line of [
      'header — <header> in components/layout/nav/header.tsx:12',
      '  text (text): "Lumen" content/global/index.json:3',
      '  links (links): "Home, About, Changelog" content/global/index.json:4',
      'footer — <footer> in components/layout/nav/footer.tsx:10',
      '  hero-text (text): "Notes your whole team can find again" content/pages/home.mdx:4',
      '  description (text): "Lumen is the calm notebook for teams wh…" app/layout.tsx:10',
    ]) expect(text).toContain(line);
  });

  it('changes the hero headline in the hero block of home.mdx', async () => {
    const { lines, after } = await committed({ description: 'change the hero headline to "Ship faster with Acme"' }, 'content/pages/home.mdx');
    expect(lines).toEqual({ removed: ['  - headline: Notes your whole team can find again'], added: ['  - headline: Ship faster with Acme'] });
    const [hero] = frontMatter(after).blocks as Array<{ headline: string; _template: string }>;
    expect(hero).toMatchObject({ headline: 'Ship faster with Acme', _template: 'hero' });
  });

  it("changes an action's label in the hero block", async () => {
    const { lines } = await committed({ description: 'change the "Start writing" button to "Try Lumen free"' }, 'content/pages/home.mdx');
    expect(lines).toEqual({ removed: ['      - label: Start writing'], added: ['      - label: Try Lumen free'] });
  });

  it('never rewrites a tagline kept over several lines (>-) as if it were one line', async () => {
    const outcome = await repo.propose({ command: 'section:home description:"Meeting notes and decisions in one calm place."' });
    if (outcome.kind === 'proposal') {
      const { after } = await commitOf(repo, outcome, 'content/pages/home.mdx');
      const [hero] = frontMatter(after).blocks as Array<{ tagline: string }>;
      expect(hero.tagline).toBe('Meeting notes and decisions in one calm place.');
    } else {
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toMatch(/^I found no description in the home .*\. What I can change there: hero-text\./);
    }
  });

  it('adds a nav link to header.nav in global/index.json, written like its entries', async () => {
    const { lines, after } = await committed({ description: 'add a link "Pricing" to /pricing in the navbar' }, 'content/global/index.json');
    // The line diff sees the old entry's closing brace gain a comma and a new entry after it.
    expect(lines).toEqual({ removed: [], added: ['      },', '      {', '        "href": "/pricing",', '        "label": "Pricing"'] });
    expect((JSON.parse(after) as { header: { nav: Array<{ label: string }> } }).header.nav.map((l) => l.label)).toEqual(['Home', 'About', 'Changelog', 'Pricing']);
  });

  it('removes a nav link from global/index.json, which stays valid JSON', async () => {
    const { after } = await committed({ description: 'remove the Changelog link from the navbar' }, 'content/global/index.json');
    expect((JSON.parse(after) as { header: { nav: Array<{ label: string }> } }).header.nav.map((l) => l.label)).toEqual(['Home', 'About']);
  });

  it('renames the brand in global/index.json, the one place the header and the footer read it from', async () => {
    const { lines, files } = await committed({ command: 'section:header text:"Test Deploy"' }, 'content/global/index.json');
    expect(files).toEqual(['content/global/index.json']);
    expect(lines).toEqual({ removed: ['    "name": "Lumen",'], added: ['    "name": "Test Deploy",'] });
  });

  it('replaces the footer line after its ©, writing the new holder in place of {header?.name}', async () => {
    const { lines, after } = await committed({ description: 'change the footer copyright to "Acme Inc. All rights reserved."' }, 'components/layout/nav/footer.tsx');
    expect(lines).toEqual({ removed: ['          © {new Date().getFullYear()} {header?.name}. Made in Lisbon.'], added: ['          © {new Date().getFullYear()} Acme Inc. All rights reserved.'] });
    expect(() => parsesAsScript(after)).not.toThrow();
  });

  it("changes the meta description in app/layout.tsx's metadata, not the hero", async () => {
    const { lines, files } = await committed({ description: 'change the site\'s meta description to "The calm notebook for teams."' }, 'app/layout.tsx');
    expect(files).toEqual(['app/layout.tsx']);
    expect(lines).toEqual({ removed: ['  description: "Lumen is the calm notebook for teams who write things down.",'], added: ['  description: "The calm notebook for teams.",'] });
  });

  it('changes a heading in the Markdown body of about.mdx', async () => {
    const { lines } = await committed({ description: 'on the about page, change "Who we are" to "Our team"' }, 'content/pages/about.mdx');
    expect(lines).toEqual({ removed: ['## Who we are'], added: ['## Our team'] });
  });

  it('paints the <nav> that carries the background, keeping its opacity and dark variant', async () => {
    const { lines } = await committed({ command: 'section:navbar color:#1e3a8a' }, 'components/layout/nav/header.tsx');
    expect(lines.added).toEqual([expect.stringContaining('bg-blue-900/80 backdrop-blur dark:border-gray-800 dark:bg-gray-950/80')]);
  });

  it('reads a block switch written as a lookup object ({ PageBlocksHero: Hero })', async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('tina-next')));
    files['components/blocks/index.tsx'] = [
      'import type { Page } from "@/tina/__generated__/types";',
      'import { Hero } from "./hero";',
      'import { Features } from "./features";',
      '',
      'const components = { PageBlocksHero: Hero, PageBlocksFeatures: Features };',
      '',
      'export const Blocks = (props: Omit<Page, "id" | "_sys" | "_values">) => (',
      '  <>',
      '    {props.blocks?.map((block, i) => {',
      '      const Component = components[block.__typename];',
      '      return Component ? <Component key={i} data={block} /> : null;',
      '    })}',
      '  </>',
      ');',
      '',
    ].join('\n');
    const { repo: site, cleanup } = await seedSiteFromFiles(files);
    try {
      expect(await uxMap(site)).toContain('  hero-text (text): "Notes your whole team can find again" content/pages/home.mdx:4');
      const { lines } = await commitOf(site, await site.propose({ command: 'section:home hero-text:"Write it down once"' }), 'content/pages/home.mdx');
      expect(lines).toEqual({ removed: ['  - headline: Notes your whole team can find again'], added: ['  - headline: Write it down once'] });
    } finally {
      cleanup();
    }
  });
});

describe('Gatsby with Decap CMS Markdown pages (gatsby-decap)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('gatsby-decap'));
  });
  afterAll(() => repo.remove());
  const committed = async (options: Record<string, string>, path: string) => commitOf(repo, await repo.propose(options), path);

  it('/ux-map reads the home page from index.md through IndexPageTemplate, and the title and description from siteMetadata', async () => {
    const text = await uxMap(repo);
    expect(text).toMatch(/^Gatsby \(Markdown pages\) · `main` at `[0-9a-f]{7}` · home page `src\/pages\/index\.md`/);
    for (const line of [
      'navbar — <nav> in src/components/Navbar.js:8',
      '  links (links): "About, Subscriptions, Journal, Contact" src/components/Navbar.js:25',
      'footer — <footer> in src/components/Footer.js:6',
      '  hero-text (text): "Coffee roasted the week you drink it" src/pages/index.md:3',
      '  cta-text (text): "Choose your coffee" src/templates/index-page.js:20',
      '  title (text): "Kestrel Coffee Roasters" gatsby-config.js:3',
      '  description (text): "Small-batch coffee roasted every Tuesda…" gatsby-config.js:5',
    ]) expect(text).toContain(line);
  });

  it('changes the hero headline in the front matter of index.md, not in the template', async () => {
    const { lines, after, files } = await committed({ description: 'change the hero headline to "Ship faster with Acme"' }, 'src/pages/index.md');
    expect(files).toEqual(['src/pages/index.md']);
    expect(lines).toEqual({ removed: ['title: Coffee roasted the week you drink it'], added: ['title: Ship faster with Acme'] });
    expect(frontMatter(after)).toMatchObject({ templateKey: 'index-page', title: 'Ship faster with Acme' });
  });

  it('changes a text the template prints from a nested field (mainpitch.title)', async () => {
    const { lines } = await committed({ description: 'change "Why Kestrel" to "Why us"' }, 'src/pages/index.md');
    expect(lines).toEqual({ removed: ['  title: Why Kestrel'], added: ['  title: Why us'] });
  });

  it('adds a navbar link as a copy of the hand-written <li><Link>, which Babel still parses', async () => {
    const { lines, after } = await committed({ description: 'add a link "Wholesale" to /wholesale in the navbar' }, 'src/components/Navbar.js');
    expect(lines).toEqual({
      removed: [],
      added: ['          <li className="navbar-item">', '            <Link className="navbar-item" to="/wholesale">', '              Wholesale', '            </Link>', '          </li>'],
    });
    expect(() => parsesAsScript(after)).not.toThrow();
  });

  it('replaces the holder of the footer copyright, keeping the © and the year', async () => {
    const { lines } = await committed({ description: 'change the footer copyright to "Kestrel Coffee Ltd. All rights reserved."' }, 'src/components/Footer.js');
    expect(lines).toEqual({
      removed: ['            <p>&copy; {new Date().getFullYear()} Kestrel Coffee Roasters Ltd. Roasted in Leeds.</p>'],
      added: ['            <p>&copy; {new Date().getFullYear()} Kestrel Coffee Ltd. All rights reserved.</p>'],
    });
  });

  it("changes the meta description in gatsby-config.js's siteMetadata", async () => {
    const { lines, after } = await committed({ description: 'change the site\'s meta description to "Small-batch coffee from Leeds."' }, 'gatsby-config.js');
    expect(lines).toEqual({ removed: ['      "Small-batch coffee roasted every Tuesday in Leeds and delivered to your door.",'], added: ['      "Small-batch coffee from Leeds.",'] });
    expect(() => parsesAsScript(after)).not.toThrow();
  });

  it('changes a heading in the Markdown body of the about page', async () => {
    const { lines } = await committed({ description: 'on the about page, change "Visit us" to "Come and visit"' }, 'src/pages/about/index.md');
    expect(lines).toEqual({ removed: ['## Visit us'], added: ['## Come and visit'] });
  });

  it('never rewrites a description kept over several lines (>-) as if it were one line', async () => {
    const outcome = await repo.propose({ description: 'change "Kestrel is a two-roaster shop in Leeds. We roast small batches every Tuesday and post them the same afternoon." to "We roast on Tuesdays."' });
    if (outcome.kind === 'proposal') {
      const { after } = await commitOf(repo, outcome, 'src/pages/index.md');
      expect(frontMatter(after).description).toBe('We roast on Tuesdays.');
    } else {
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toMatch(/^I did not find the text `Kestrel is a two-roaster shop in Leeds\./);
    }
  });
});
