import { changedLines, seedSiteFromFiles, shown } from '../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';

/**
 * Requests about the site as a whole, not one landmark: the title and description search
 * engines show, texts on other pages, a plan's price, a FAQ answer, the contact e-mail and the
 * brand colour, each through the real agent on a small site written here and a local git repository.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;
const diffOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { diff: string }).diff : '');
const filesOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { files: Array<{ path: string }> }).files.map((f) => f.path) : []);

const NEXT_SITE: Record<string, string> = {
  'package.json': `${JSON.stringify({ dependencies: { next: '15', react: '19' } })}\n`,
  'app/layout.tsx': [
    "export const metadata = {",
    "  title: 'Acme Cloud',",
    "  description: 'Hosting and previews for small teams.',",
    "  openGraph: { title: 'Acme Cloud', description: 'Hosting and previews for small teams.' },",
    '};',
    'export default function RootLayout({ children }: { children: React.ReactNode }) {',
    '  return (',
    '    <html lang="en">',
    '      <body>',
    '        <header><a href="/">Acme Cloud</a><nav><a href="/pricing">Pricing</a><a href="/about">About</a></nav></header>',
    '        {children}',
    '        <footer><p>© 2026 Acme Cloud, Inc.</p></footer>',
    '      </body>',
    '    </html>',
    '  );',
    '}',
    '',
  ].join('\n'),
  'app/page.tsx': [
    'export default function Home() {',
    '  return (',
    '    <section className="hero">',
    '      <h1>Ship faster</h1>',
    '      <p>Hosting and previews for small teams.</p>',
    '      <a href="/signup" className="rounded bg-blue-600 px-4 py-2">Get Started</a>',
    '    </section>',
    '  );',
    '}',
    '',
  ].join('\n'),
  'app/pricing/page.tsx': [
    'export default function Pricing() {',
    '  return (',
    '    <div>',
    '      <div className="plan"><h3>Hobby</h3><p className="price">$0/mo</p></div>',
    '      <div className="plan"><h3>Pro</h3><p className="price">$19/mo</p></div>',
    '      <div className="plan"><h3>Team</h3><p className="price">$49/mo</p></div>',
    '      <p>Questions? Write to <a href="mailto:sales@acme.example">sales@acme.example</a>.</p>',
    '    </div>',
    '  );',
    '}',
    '',
  ].join('\n'),
  'app/about/page.tsx': ['export default function About() {', '  return <main><h1>Who we are</h1><p>A small team in Lyon.</p><h2>Get Started</h2></main>;', '}', ''].join('\n'),
  'app/faq/page.tsx': [
    "import faqs from '../../data/faqs.json';",
    'export default function Faq() {',
    '  return <dl>{faqs.map((f) => <div><dt>{f.question}</dt><dd>{f.answer}</dd></div>)}</dl>;',
    '}',
    '',
  ].join('\n'),
  'data/faqs.json': `${JSON.stringify([{ question: 'Can I cancel anytime?', answer: 'Yes, from your account page.' }, { question: 'Do you offer refunds?', answer: 'Within 14 days.' }], null, 2)}\n`,
};

describe('search engine title and description (Next.js metadata)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(NEXT_SITE);
  });
  afterAll(() => site.cleanup());

  it('changes the meta description where the metadata keeps it, never the hero paragraph that reads the same', async () => {
    const outcome = await site.repo.propose({ description: 'change the site\'s meta description to "Websites, shipped faster."' });
    expect(outcome.kind).toBe('proposal');
    expect(filesOf(outcome)).toEqual(['app/layout.tsx']);
    const after = await site.repo.confirm(outcome).then((branch) => site.repo.git('show', `${branch}:app/layout.tsx`));
    expect(changedLines(site.repo.original('app/layout.tsx'), after)).toEqual({
      removed: ["  description: 'Hosting and previews for small teams.',", "  openGraph: { title: 'Acme Cloud', description: 'Hosting and previews for small teams.' },"],
      added: ["  description: 'Websites, shipped faster.',", "  openGraph: { title: 'Acme Cloud', description: 'Websites, shipped faster.' },"],
    });
    expect(site.repo.original('app/page.tsx')).toContain('<p>Hosting and previews for small teams.</p>');
  });

  it('changes the title search engines and the browser tab show, in every setting that holds it', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title that shows in Google and in the browser tab to "Acme Notes"' });
    expect(shown(outcome)).toContain('The same title is written in 2 places, all changed');
    expect(diffOf(outcome)).toContain("+  title: 'Acme Notes',");
    expect(diffOf(outcome)).toContain("+  openGraph: { title: 'Acme Notes'");
  });

  it('reads the structured form too: section:seo description:"…"', async () => {
    const outcome = await site.repo.propose({ command: 'section:seo description:"Short and true."' });
    expect(outcome.kind).toBe('proposal');
    expect(filesOf(outcome)).toEqual(['app/layout.tsx']);
  });

  it('asks whether the title search engines show or the description is meant when neither is named', async () => {
    const outcome = await site.repo.propose({ description: 'change what Google shows to "Acme"' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/title search engines show change, or the description/);
  });
});

describe('texts on other pages, prices, answers, the contact e-mail', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(NEXT_SITE);
  });
  afterAll(() => site.cleanup());

  it('changes a text on the page the request names, and only there', async () => {
    const outcome = await site.repo.propose({ description: 'on the about page, change "Who we are" to "About Acme"' });
    expect(filesOf(outcome)).toEqual(['app/about/page.tsx']);
    expect(diffOf(outcome)).toContain('+  return <main><h1>About Acme</h1>');
  });

  it('finds a text beyond the home page without a page named', async () => {
    const outcome = await site.repo.propose({ description: 'change "A small team in Lyon." to "A small team in Paris."' });
    expect(filesOf(outcome)).toEqual(['app/about/page.tsx']);
  });

  it('names the pages when the quoted text is on several and asks which', async () => {
    const outcome = await site.repo.propose({ description: 'on the about page, change "Get Started" to "Begin"' });
    expect(filesOf(outcome)).toEqual(['app/about/page.tsx']);
    // A bare quote shown on two pages is a question naming them, the home page first.
    const both = await site.repo.propose({ description: 'change "Get Started" to "Begin"' });
    expect(both.kind).toBe('choice');
    expect(shown(both)).toMatch(/^The text "Get Started" is on the home page and the \/about page\. Which should change\?/);
    // "The … button" is the home page's call to action: changed there, and the other page is named as unchanged.
    const button = await site.repo.propose({ description: 'change the "Get Started" button to "Begin"' });
    expect(filesOf(button)).toEqual(['app/page.tsx']);
    expect(shown(button)).toContain('The same text is also on the /about page; it is unchanged.');
  });

  it('says how many places it found when it lists fewer than that', async () => {
    const files: Record<string, string> = { 'index.html': '<!doctype html><html><head><title>Acme</title></head><body><header><nav><a href="/">Acme</a></nav></header><main><h1>Welcome</h1></main></body></html>\n' };
    for (let i = 1; i <= 30; i += 1) files[`city-${i}.html`] = `<!doctype html><html><head><title>City ${i}</title></head><body><main><h1>City ${i}</h1><p>Book a call</p></main></body></html>\n`;
    const many = await seedSiteFromFiles(files);
    try {
      const outcome = await many.repo.propose({ description: 'change "Book a call" to "Talk to us"' });
      expect(outcome.kind).toBe('choice');
      if (outcome.kind !== 'choice') return;
      expect(outcome.candidates).toHaveLength(25);
      expect(shown(outcome)).toMatch(/is on 30 pages/);
      expect(shown(outcome)).toMatch(/These are 25 of the 30 places found; to reach another, name its page or quote more of its text\./);
    } finally {
      many.cleanup();
    }
  });

  it('says which pages exist when the page named is not one of them', async () => {
    const outcome = await site.repo.propose({ description: 'on the careers page, change "Join us" to "Work with us"' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/I found no page `careers`.*\/pricing/);
  });

  it("changes a plan's price by the plan's name, its number only", async () => {
    const outcome = await site.repo.propose({ description: 'the Pro plan now costs $29 a month' });
    expect(diffOf(outcome)).toContain('-      <div className="plan"><h3>Pro</h3><p className="price">$19/mo</p></div>');
    expect(diffOf(outcome)).toContain('+      <div className="plan"><h3>Pro</h3><p className="price">$29/mo</p></div>');
  });

  it("refuses a plan the pricing page does not show, naming the plans it does", async () => {
    const outcome = await site.repo.propose({ description: 'change the Enterprise plan price to $99' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('Plans with a price: Hobby, Pro or Team');
  });

  it("changes a FAQ answer found by its question, in the data the page reads", async () => {
    const outcome = await site.repo.propose({ description: 'in the FAQ, change the answer to "Do you offer refunds?" to "Within 30 days, no questions asked."' });
    expect(filesOf(outcome)).toEqual(['data/faqs.json']);
    expect(diffOf(outcome)).toContain('+    "answer": "Within 30 days, no questions asked."');
  });

  it('changes the e-mail address everywhere the page shows it: the link and its text', async () => {
    const outcome = await site.repo.propose({ description: 'our sales email is now hello@acme.dev, please update it on the pricing page' });
    expect(diffOf(outcome)).toContain('+      <p>Questions? Write to <a href="mailto:hello@acme.dev">hello@acme.dev</a>.</p>');
  });

  it('refuses an address that is not an e-mail address', async () => {
    const outcome = await site.repo.propose({ command: 'section:seo title:"x"' });
    expect(outcome.kind).toBe('proposal');
    const bad = await site.repo.propose({ description: 'change the contact email to hello@' });
    expect(bad.kind).toBe('clarification');
  });
});

describe('an address written so robots cannot read it (name [at] domain)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': '<html><head><title>Lab</title></head><body><header><a href="/">Lab</a></header><h1>Robots</h1><footer><p>© Lab</p></footer></body></html>\n',
      'contact.html': '<html><head><title>Contact</title></head><body><h1>Contact</h1><p>Write to lab [at] cs [dot] example [dot] edu</p></body></html>\n',
    });
  });
  afterAll(() => site.cleanup());

  it('is written back the same way', async () => {
    const outcome = await site.repo.propose({ description: 'our contact email is now hello@robots.org, please put it on the contact page' });
    expect(diffOf(outcome)).toContain('+<html><head><title>Contact</title></head><body><h1>Contact</h1><p>Write to hello [at] robots [dot] org</p></body></html>');
  });
});

describe('the brand colour (a theme token with shades and a dark twin)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': '<html><head><title>Acme</title><link rel="stylesheet" href="style.css"></head><body><header class="site-header"><a href="/">Acme</a></header><h1>Hello</h1></body></html>\n',
      'style.css': [':root {', '  --color-primary: #2e8555;', '  --color-primary-dark: #205d3b;', '}', '[data-theme="dark"] {', '  --color-primary: #25c2a0;', '}', '.site-header { background-color: var(--color-primary); }', ''].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('becomes the requested colour; each shade and the dark twin keep their lightness relative to it', async () => {
    const outcome = await site.repo.propose({ description: 'change our brand colour to purple #6d28d9 everywhere' });
    expect(outcome.kind).toBe('proposal');
    const diff = diffOf(outcome);
    expect(diff).toContain('+  --color-primary: #6d28d9;');
    const shade = /\+ {2}--color-primary-dark: (#[0-9a-f]{6});/.exec(diff)?.[1];
    const dark = /\+ {2}--color-primary: (#[0-9a-f]{6});\n \}/.exec(diff)?.[1];
    const lightness = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);
    expect(shade && lightness(shade) < lightness('#6d28d9')).toBe(true);
    expect(dark && lightness(dark) > lightness('#6d28d9')).toBe(true);
    expect(shown(outcome)).toMatch(/shades? and dark-mode twins? change with it/);
  });
});

describe('sites the UX Agent does not read, and files that do not parse', () => {
  it('names what the repository looks like and what is read', async () => {
    const site = await seedSiteFromFiles({ 'package.json': '{"dependencies":{"@angular/core":"17"}}\n', 'angular.json': '{}\n', 'src/app/app.component.html': '<h1>Hi</h1>\n' });
    try {
      const outcome = await site.repo.propose({ description: 'make the navbar blue' });
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toMatch(/^This looks like an Angular site \(angular\.json\), which the UX Agent does not read yet; it reads React, Next\.js/);
    } finally {
      site.cleanup();
    }
  });

  it('names the file and line of a configuration that does not parse, and proposes nothing from it', async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"@docusaurus/core":"3"}}\n',
      'docusaurus.config.js': "const config = {\n  title: 'My Site,\n  themeConfig: { navbar: { title: 'My Site' } },\n};\nexport default config;\n",
      'src/pages/index.js': 'export default function Home() { return <h1>Hi</h1>; }\n',
    });
    try {
      const outcome = await site.repo.propose({ description: 'make the navbar blue' });
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toMatch(/^docusaurus\.config\.js could not be read \(line 2: Unterminated string constant\.?\), so nothing is proposed from this Docusaurus site/);
    } finally {
      site.cleanup();
    }
  });
});
