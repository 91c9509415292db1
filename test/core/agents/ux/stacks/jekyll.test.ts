import { Liquid } from 'liquidjs';
import { parse as parseYaml } from 'yaml';
import { parse as parseScss } from 'postcss-scss';
import { fixtureDir } from '../../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../../lambda/core/domain/agent';

/**
 * The UX Agent on a Jekyll site (examples/sites/jekyll-site): `_config.yml`, navigation in
 * `_data/navigation.yml`, Liquid layouts and includes, plans and FAQ in a page's front matter,
 * Sass in `_sass/`. Each request goes through the real agent and a real git repository; edited
 * templates are parsed again by liquidjs, data by yaml.
 */
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('jekyll-site'));
});
afterAll(() => repo.remove());

async function commitOf(outcome: ProposalOutcome, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
  const branch = await repo.confirm(outcome);
  const after = repo.git('show', `${branch}:${path}`);
  return { lines: changedLines(repo.original(path), after), after, files: repo.git('diff', '--name-only', `main..${branch}`).trim().split('\n') };
}
const committed = async (options: Record<string, string>, path: string) => commitOf(await repo.propose(options), path);

/** Jekyll's Liquid: `{% include file.html %}` without quotes, and jekyll-seo-tag's `{% seo %}`. */
const liquid = new Liquid({ jekyllInclude: true });
liquid.registerTag('seo', { parse() {}, render: () => '' });
const frontMatter = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;
const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('/ux-map on a Jekyll site', () => {
  it('names the stack, the includes that hold the landmarks and the data files of their links', async () => {
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toMatch(/^Jekyll · `main` at `[0-9a-f]{7}` · home page `index\.html`/);
    for (const line of [
      'header — <header> in _includes/header.html:1',
      '  text (text): "Brightdesk" _config.yml:2',
      'navbar — <nav> in _includes/header.html:4',
      '  links (links): "Features, Pricing, About" _data/navigation.yml:3',
      'footer — <footer> in _includes/footer.html:1',
      '  links (links): "Status, Privacy" _data/navigation.yml:11',
      '  hero-text (text): "Answer every customer from one inbox" index.html:7',
      '  primary-color (color): _sass/_variables.scss:2',
      '  title (text): "Brightdesk" _config.yml:2',
    ]) expect(text).toContain(line);
  });
});

describe('texts in pages and includes', () => {
  it('changes the hero headline in index.html, which Liquid still parses', async () => {
    const { lines, after } = await committed({ description: 'change the hero headline to "Ship faster with Acme"' }, 'index.html');
    expect(lines).toEqual({ removed: ['    <h1>Answer every customer <em>from one inbox</em></h1>'], added: ['    <h1>Ship faster with Acme</h1>'] });
    expect(frontMatter(after)).toEqual({ layout: 'default', title: 'The shared inbox for small support teams' });
    expect(() => liquid.parse(body(after))).not.toThrow();
  });

  it('writes Liquid braces in a new text as entities, so the page shows them', async () => {
    const { after } = await committed({ command: 'section:home hero-text:"Use {{ site.title }} daily"' }, 'index.html');
    const html = await liquid.parseAndRender(body(after), { site: { title: 'Brightdesk' } });
    expect(html).toContain('<h1>Use &#123;&#123; site.title &#125;&#125; daily</h1>');
  });

  it('replaces the copyright holder of a literal © line in the footer include, keeping the © and the year', async () => {
    const { lines, after } = await committed({ description: 'change the footer copyright to "Acme Inc. All rights reserved."' }, '_includes/footer.html');
    expect(lines).toEqual({
      removed: ['    <p class="copyright">&copy; {{ "now" | date: "%Y" }} Brightdesk Ltd. All rights reserved.</p>'],
      added: ['    <p class="copyright">&copy; {{ "now" | date: "%Y" }} Acme Inc. All rights reserved.</p>'],
    });
    expect(() => liquid.parse(after)).not.toThrow();
  });

  it('changes a heading of the Markdown about page', async () => {
    const { lines } = await committed({ description: 'on the about page, change "What we believe" to "Our beliefs"' }, 'about.md');
    expect(lines).toEqual({ removed: ['## What we believe'], added: ['## Our beliefs'] });
  });
});

describe('the site title printed by {{ site.title | escape }}', () => {
  it('changes it everywhere in _config.yml, and any "only in the header" option writes in the header include, never into _config.yml', async () => {
    const outcome = await repo.propose({ command: 'section:header text:"Test Deploy"' });
    if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
    const [everywhere, ...others] = outcome.candidates;
    expect(everywhere.label).toMatch(/^Everywhere/);
    const whole = await commitOf(picked(everywhere), '_config.yml');
    expect(whole.files).toEqual(['_config.yml']);
    expect(whole.lines).toEqual({ removed: ['title: Brightdesk'], added: ['title: Test Deploy'] });
    for (const candidate of others) {
      expect(candidate.label).toMatch(/^Only in the header/);
      const header = await commitOf(picked(candidate), '_includes/header.html');
      expect(header.files).toEqual(['_includes/header.html']);
      expect(header.lines).toEqual({
        removed: ['    <a class="site-title" rel="author" href="{{ "/" | relative_url }}">{{ site.title | escape }}</a>'],
        added: ['    <a class="site-title" rel="author" href="{{ "/" | relative_url }}">Test Deploy</a>'],
      });
      expect(() => liquid.parse(header.after)).not.toThrow();
    }
  });
});

describe('data in _data/navigation.yml and in front matter', () => {
  it('adds a header link to the main list only, written like its entries', async () => {
    const { lines, after } = await committed({ description: 'add a link "Customers" to /customers in the navbar' }, '_data/navigation.yml');
    expect(lines).toEqual({ removed: [], added: ['  - title: "Customers"', '    url: /customers'] });
    const navigation = parseYaml(after) as { main: Array<{ title: string; url: string }>; footer: unknown[] };
    expect(navigation.main.map((l) => l.title)).toEqual(['Features', 'Pricing', 'About', 'Customers']);
    expect(navigation.footer).toEqual((parseYaml(repo.original('_data/navigation.yml')) as { footer: unknown[] }).footer);
    expect(after.startsWith('# Links of the header (main) and the footer.\n')).toBe(true);
  });

  it('removes a footer link from the footer list', async () => {
    const { lines } = await committed({ command: 'section:footer remove-link:"Privacy"' }, '_data/navigation.yml');
    expect(lines).toEqual({ removed: ['  - title: "Privacy"', '    url: /privacy/'], added: [] });
  });

  it("changes a plan's price in the pricing page's front matter", async () => {
    const { lines, after } = await committed({ description: 'change the Team plan price to $35' }, 'pricing.html');
    expect(lines).toEqual({ removed: ['    price: $29'], added: ['    price: $35'] });
    const plans = frontMatter(after).plans as Array<{ name: string; price: string }>;
    expect(plans.map((p) => `${p.name} ${p.price}`)).toEqual(['Starter $9', 'Team $35', 'Business $59']);
    expect(() => liquid.parse(body(after))).not.toThrow();
  });

  it('changes a FAQ answer, quoting it for YAML where its words need it', async () => {
    const { lines, after } = await committed({ description: 'change the answer to "Do you offer refunds?" to "Yes: within 30 days of any payment."' }, 'pricing.html');
    expect(lines).toEqual({ removed: ['    answer: We refund the last payment in full if you cancel within 14 days.'], added: ['    answer: "Yes: within 30 days of any payment."'] });
    expect((frontMatter(after).faq as Array<{ answer: string }>)[1].answer).toBe('Yes: within 30 days of any payment.');
  });

  it('changes the contact e-mail where _config.yml keeps it for the footer', async () => {
    const { lines, files } = await committed({ description: 'change the contact email to help@acme.example' }, '_config.yml');
    expect(files).toEqual(['_config.yml']);
    expect(lines).toEqual({ removed: ['email: hello@brightdesk.example'], added: ['email: help@acme.example'] });
  });
});

describe('colours in _sass', () => {
  it('paints the navbar in the .site-header rule and leaves the brand colour alone', async () => {
    const { lines, after, files } = await committed({ description: 'make the navbar background dark blue' }, '_sass/_layout.scss');
    expect(files).toEqual(['_sass/_layout.scss']);
    expect(lines).toEqual({ removed: ['  background-color: #fff;'], added: ['  background-color: #00008b;'] });
    expect(() => parseScss(after)).not.toThrow();
  });

  it('changes the brand colour at $brand-color', async () => {
    const { lines } = await committed({ description: 'make the brand colour #7c3aed' }, '_sass/_variables.scss');
    expect(lines).toEqual({ removed: ['$brand-color: #e8590c;'], added: ['$brand-color: #7c3aed;'] });
  });
});
