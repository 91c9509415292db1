import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parse as parseYaml } from 'yaml';
import { parse as parseScss } from 'postcss-scss';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../../lambda/core/domain/agent';

/**
 * The UX Agent on a Hugo site whose templates are its own (examples/sites/hugo-site): settings and
 * menus in hugo.toml, Go templates in layouts/, the hero and pages in content/*.md, SCSS in assets/.
 * Each request goes through the real agent and a real git repository, and is judged by the lines
 * committed and by reading the edited file back with the format's own parser.
 */
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('hugo-site'));
});
afterAll(() => repo.remove());

/** Proposes, confirms, and returns the committed change of `path` with the file as committed. */
async function committed(options: Record<string, string>, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  const outcome = await repo.propose(options);
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal for ${JSON.stringify(options)}, got ${outcome.kind}: ${shown(outcome)}`);
  return commitOf(outcome, path);
}

async function commitOf(outcome: ProposalOutcome, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  const branch = await repo.confirm(outcome);
  const after = repo.git('show', `${branch}:${path}`);
  const files = repo.git('diff', '--name-only', `main..${branch}`).trim().split('\n');
  return { lines: changedLines(repo.original(path), after), after, files };
}

const hugoToml = (text: string) => getStaticTOMLValue(parseTOML(text)) as { title: string; params: Record<string, string>; menus: { main: Array<Record<string, unknown>> } };
/** The `{{ … }}` actions of a Go template, in order: an edit must keep every one of them. */
const actions = (text: string) => [...text.matchAll(/\{\{-?[\s\S]*?-?\}\}/g)].map((m) => m[0]);
const frontMatterOf = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;

describe('/ux-map on a Hugo site', () => {
  it('names the stack, the landmarks in the partials and the settings kept in hugo.toml', async () => {
    const outcome = await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext);
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^Hugo · `main` at `[0-9a-f]{7}` · home page `content\/_index\.md`/);
    for (const line of [
      'header — <header> in layouts/partials/header.html:1',
      // `{{ site.Title }}` in the header prints hugo.toml's title.
      '  text (text): "Harbourlight Studio" hugo.toml:3',
      'navbar — <nav> in layouts/partials/header.html:4',
      '  links (links): "Home, About, Contact, Journal" hugo.toml:11',
      'footer — <footer> in layouts/partials/footer.html:1',
      '  hero-text (text): "Websites that feel like your shop" content/_index.md:5',
      '  cta-text (text): "Book a discovery call" layouts/index.html:5',
      '  primary-color (color): assets/scss/main.scss:2',
      '  title (text): "Harbourlight Studio" hugo.toml:3',
      '  description (text): "A two-person studio designing calm, fas…" hugo.toml:7',
    ]) expect(text).toContain(line);
  });
});

describe('texts in content and templates', () => {
  it('changes the hero headline in the Markdown of content/_index.md', async () => {
    const { lines, after } = await committed({ description: 'change the hero headline to "Ship faster with Acme"' }, 'content/_index.md');
    expect(lines).toEqual({ removed: ['# Websites that feel like your shop'], added: ['# Ship faster with Acme'] });
    expect(frontMatterOf(after)).toEqual({ title: 'Home' });
    const [heading] = fromMarkdown(after.replace(/^---\n[\s\S]*?\n---\n/, '')).children;
    expect(heading).toMatchObject({ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Ship faster with Acme' }] });
  });

  it('changes a button label in layouts/index.html and keeps every template action', async () => {
    const { lines, after } = await committed({ description: 'change the "Book a discovery call" button to "Get a quote"' }, 'layouts/index.html');
    expect(lines).toEqual({ removed: ['    <a class="button" href="{{ "contact/" | relURL }}">Book a discovery call</a>'], added: ['    <a class="button" href="{{ "contact/" | relURL }}">Get a quote</a>'] });
    expect(actions(after)).toEqual(actions(repo.original('layouts/index.html')));
  });

  it('writes braces in a new text as entities, so Hugo prints them instead of running them', async () => {
    const { lines, after } = await committed({ command: 'section:home cta-text:"Book {{ now }} call"' }, 'layouts/index.html');
    expect(lines.added).toEqual(['    <a class="button" href="{{ "contact/" | relURL }}">Book &#123;&#123; now &#125;&#125; call</a>']);
    expect(actions(after)).toEqual(actions(repo.original('layouts/index.html')));
  });

  it('replaces the copyright holder printed by {{ .Site.Title }} after the © and year, keeping the rest of the line, or refuses with a sentence', async () => {
    const outcome = await repo.propose({ command: 'section:footer text:"Test"' });
    if (outcome.kind === 'proposal') {
      const { lines, files } = await commitOf(outcome, 'layouts/partials/footer.html');
      expect(files).toEqual(['layouts/partials/footer.html']);
      expect(lines).toEqual({ removed: ['    <p>&copy; {{ now.Year }} {{ .Site.Title }}. Made by hand in Halifax.</p>'], added: ['    <p>&copy; {{ now.Year }} Test. Made by hand in Halifax.</p>'] });
    } else {
      // Where template code may not be removed, the answer names the template instead.
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toContain('layouts/partials/footer.html');
    }
  });

  it('changes a heading on the about page in content/about.md', async () => {
    const { lines } = await committed({ description: 'on the about page, change "How we work" to "Our process"' }, 'content/about.md');
    expect(lines).toEqual({ removed: ['## How we work'], added: ['## Our process'] });
  });
});

describe('the site title printed by a template', () => {
  it('changes it everywhere in hugo.toml, and any "only in the header" option writes in the header partial, never into hugo.toml', async () => {
    const outcome = await repo.propose({ command: 'section:header text:"Test Deploy"' });
    if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
    const [everywhere, ...others] = outcome.candidates;
    expect(everywhere.label).toMatch(/^Everywhere/);
    const whole = await commitOf(picked(everywhere), 'hugo.toml');
    expect(whole.files).toEqual(['hugo.toml']);
    expect(whole.lines).toEqual({ removed: ["title = 'Harbourlight Studio'"], added: ["title = 'Test Deploy'"] });
    for (const candidate of others) {
      expect(candidate.label).toMatch(/^Only in the header/);
      const header = await commitOf(picked(candidate), 'layouts/partials/header.html');
      expect(header.files).toEqual(['layouts/partials/header.html']);
      expect(header.lines).toEqual({
        removed: ['    <a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>'],
        added: ['    <a class="site-title" href="{{ "/" | relURL }}">Test Deploy</a>'],
      });
    }
  });
});

describe('the main menu in hugo.toml', () => {
  it("adds a [[menus.main]] entry written like the others (pageRef '/pricing' like '/about'), after the last one, its weight in the siblings' step", async () => {
    const { lines, after } = await committed({ description: 'add a link "Pricing" to /pricing in the navbar' }, 'hugo.toml');
    expect(lines.removed).toEqual([]);
    expect(lines.added).toEqual(['  [[menus.main]]', "    name = 'Pricing'", "    pageRef = '/pricing'", '    weight = 50']);
    const menu = hugoToml(after).menus.main;
    expect(menu.map((m) => m.name)).toEqual(['Home', 'About', 'Contact', 'Journal', 'Pricing']);
    expect(hugoToml(after).params.description).toBe(hugoToml(repo.original('hugo.toml')).params.description);
  });

  it('removes an entry whole, keeping the comments and the other tables', async () => {
    const { lines, after } = await committed({ description: 'remove the Journal link from the navbar' }, 'hugo.toml');
    expect(lines).toEqual({ removed: ['  [[menus.main]]', "    name = 'Journal'", "    url = 'https://journal.harbourlight.example.com/'", '    weight = 40'], added: [] });
    expect(after).toContain('# Shown by search engines and link previews');
    expect(hugoToml(after).menus.main.map((m) => m.name)).toEqual(['Home', 'About', 'Contact']);
  });
});

describe('settings, e-mail and colours', () => {
  it('changes the meta description in [params], not the visible hero paragraph', async () => {
    const { lines, after, files } = await committed({ description: 'change the site\'s meta description to "Calm, fast websites for independent shops."' }, 'hugo.toml');
    expect(files).toEqual(['hugo.toml']);
    expect(lines).toEqual({ removed: ["  description = 'A two-person studio designing calm, fast websites for independent shops.'"], added: ["  description = 'Calm, fast websites for independent shops.'"] });
    expect(hugoToml(after).params.description).toBe('Calm, fast websites for independent shops.');
  });

  it('changes the contact e-mail everywhere it is written: the setting and the contact page, link target included', async () => {
    const outcome = await repo.propose({ description: 'change the contact email to hi@harbourlight.example.org' });
    if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
    const contact = await commitOf(outcome, 'content/contact.md');
    expect(contact.files.sort()).toEqual(['content/contact.md', 'hugo.toml']);
    expect(contact.lines).toEqual({ removed: ['[hello@harbourlight.example.com](mailto:hello@harbourlight.example.com).'], added: ['[hi@harbourlight.example.org](mailto:hi@harbourlight.example.org).'] });
  });

  it('paints the navbar through the header rule of the SCSS, which still parses', async () => {
    const { lines, after } = await committed({ command: 'section:navbar color:#1e3a8a' }, 'assets/scss/main.scss');
    expect(lines).toEqual({ removed: ['  background-color: #ffffff;'], added: ['  background-color: #1e3a8a;'] });
    expect(() => parseScss(after)).not.toThrow();
  });

  it('changes the brand colour at its Sass variable', async () => {
    const { lines } = await committed({ description: 'make the primary colour #15803d' }, 'assets/scss/main.scss');
    expect(lines).toEqual({ removed: ['$primary: #0f766e;'], added: ['$primary: #15803d;'] });
  });
});

describe('settings printed the ways themes print them', () => {
  it('follows {{ .Site.Copyright | safeHTML }} to the copyright setting of hugo.toml', async () => {
    const files = Object.fromEntries(readSiteFiles(fixtureDir('hugo-site')));
    files['hugo.toml'] = files['hugo.toml'].replace("title = 'Harbourlight Studio'\n", "title = 'Harbourlight Studio'\ncopyright = '© 2026 Harbourlight Studio. All rights reserved.'\n");
    files['layouts/partials/footer.html'] = files['layouts/partials/footer.html'].replace('<p>&copy; {{ now.Year }} {{ .Site.Title }}. Made by hand in Halifax.</p>', '<p>{{ .Site.Copyright | safeHTML }}</p>');
    const { repo: site, cleanup } = await seedSiteFromFiles(files);
    try {
      const outcome = await site.propose({ description: 'change the footer copyright to "© 2026 Acme Studio. All rights reserved."' });
      if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
      const branch = await site.confirm(outcome);
      expect(site.git('diff', '--name-only', `main..${branch}`).trim()).toBe('hugo.toml');
      expect(changedLines(site.original('hugo.toml'), site.git('show', `${branch}:hugo.toml`))).toEqual({
        removed: ["copyright = '© 2026 Harbourlight Studio. All rights reserved.'"],
        added: ["copyright = '© 2026 Acme Studio. All rights reserved.'"],
      });
    } finally {
      cleanup();
    }
  });
});
