import { seedFixtureRepo, shown, picked, changedLines, uxContext, uxRequest, type FixtureRepo } from '../../../support/ux-fixture-repo';
import { fixtureDir, SAMPLE_SITE } from '../../../support/fixture-sites';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';

/** Agent-level behaviour on the fixture sites: questions with candidates, /ux-map, and a repository's own map. */
const candidatesOf = (outcome: ProposalOutcome) => {
  if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
  return outcome.candidates;
};
const diffOf = (proposal: unknown) => (proposal as { diff: string }).diff;
const previewOf = (outcome: ProposalOutcome) => (outcome.kind === 'choice' ? outcome.candidates.map((c) => c.preview.embeds?.[0]?.description ?? '') : []);

describe('a request that matches several places (next-shadcn-config)', () => {
  let repo: FixtureRepo;
  const PAGE = 'app/(marketing)/page.tsx';
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('next-shadcn-config'));
  });
  afterAll(() => repo.remove());

  it('asks which one, each candidate carrying a preview and diff of its own place', async () => {
    const outcome = await repo.propose({ command: 'section:home cta-text:"Start free"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('matches 2 places. Which one should change?');
    const candidates = candidatesOf(outcome);
    expect(candidates.map((c) => `${c.label} ${c.description}`)).toEqual([`"Get Started" ${PAGE}:20`, `"GitHub" ${PAGE}:23`]);
    expect(candidates.map((c) => c.summary)).toEqual(['home: cta-text → "Start free"', 'home: cta-text → "Start free"']);
    expect(diffOf(candidates[0].proposal)).toContain('-              Get Started\n+              Start free');
    expect(diffOf(candidates[0].proposal)).not.toContain('-              GitHub');
    expect(diffOf(candidates[1].proposal)).toContain('-              GitHub\n+              Start free');
    expect(diffOf(candidates[1].proposal)).not.toContain('-              Get Started');
    const previews = previewOf(outcome);
    expect(previews[0]).toContain(`\`${PAGE}:20\``);
    expect(previews[1]).toContain(`\`${PAGE}:23\``);
  });

  it('commits the place of the candidate picked, and only it', async () => {
    const outcome = await repo.propose({ description: 'change the hero button to "Start free"' });
    const branch = await repo.confirm(picked(candidatesOf(outcome)[1]));
    expect(changedLines(repo.original(PAGE), repo.git('show', `${branch}:${PAGE}`))).toEqual({ removed: ['              GitHub'], added: ['              Start free'] });
  });

  it('asks before replacing a footer paragraph that mixes text and links, with one candidate', async () => {
    const outcome = await repo.propose({ description: 'change the footer text to "Made by Acme Inc."' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toMatch(/^Before I prepare this: replacing "Built by <a>the Acme team<\/a> .*" also means removing <a>the Acme team<\/a>, <a>GitHub<\/a> \(components\/site-footer\.tsx:10\)\./);
    const candidates = candidatesOf(outcome);
    expect(candidates).toHaveLength(1);
    expect(diffOf(candidates[0].proposal)).toContain('+          Made by Acme Inc.\n');
    expect(diffOf(candidates[0].proposal)).toMatch(/^-\s+\.$/m);
  });

  it('changes one "Get Started" of the two pages that repeat it, in one file', async () => {
    const outcome = await repo.propose({ description: 'change the "Get Started" button to "Start free"' });
    expect(outcome.kind).toBe('proposal');
    const branch = await repo.confirm(outcome);
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim()).toMatch(/^app\/\(marketing\)\/(?:pricing\/)?page\.tsx$/);
    expect(repo.git('diff', '--numstat', `main..${branch}`).trim()).toMatch(/^1\t1\t/);
  });
});

describe('/ux-map (vite-react-tailwind3)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('vite-react-tailwind3'));
  });
  afterAll(() => repo.remove());
  const map = (options: Record<string, string> = {}) => repo.agent.propose(uxRequest(options, 'ux-map'), uxContext);

  it('answers with each section and each place as file:line', async () => {
    const outcome = await map();
    expect(outcome.kind).toBe('answer');
    const text = shown(outcome);
    expect(text).toMatch(/^React \(react-router\) · `main` at `[0-9a-f]{7}` · home page `src\/pages\/Landing\.jsx`/);
    for (const line of [
      'header — <header> in src/layouts/MarketingLayout.jsx:12',
      'navbar — <nav> in src/layouts/MarketingLayout.jsx:18',
      '  links (links): "About, Features, FAQ" src/layouts/MarketingLayout.jsx:19',
      'footer — <footer> in src/components/MarketingFooter.jsx:7',
      'home — <section> in src/components/landing/HeroSection.jsx:6',
      '  hero-text (text): "Launch pages your team will actually en…" src/components/landing/HeroSection.jsx:8',
    ]) expect(text).toContain(line);
    expect(text).not.toContain('src/components/Header.jsx');
  });

  it('lists only the section asked for', async () => {
    const text = shown(await map({ section: 'footer' }));
    expect(text).toContain('footer — <footer> in src/components/MarketingFooter.jsx:7');
    expect(text).not.toMatch(/^(?:header|navbar|home) — /m);
  });

  it('refuses an unknown section, listing the sections there are', async () => {
    const outcome = await map({ section: 'sidebar' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/^Unknown section `sidebar`\. Sections: .*header.*footer/);
  });
});

describe('a repository .valine/ux-map.json overrides discovery for what it names', () => {
  let sample: FixtureRepo;
  let bakery: FixtureRepo;
  beforeAll(async () => {
    sample = await seedFixtureRepo(SAMPLE_SITE);
    bakery = await seedFixtureRepo(fixtureDir('plain-css-site'));
    const map = { version: 1, sections: { footer: { properties: { color: { edit: 'css-variable', file: 'styles.css', variable: '--accent' } } } } };
    await bakery.host.commitFiles('main', [{ path: '.valine/ux-map.json', content: JSON.stringify(map) }], { message: 'map the footer colour' });
  });
  afterAll(() => {
    sample.remove();
    bakery.remove();
  });

  it('keeps editing the sample site by its data-ux markers', async () => {
    const after = await sample.commitOf({ description: 'change the hero headline to "Calm software"' }, 'src/pages/Home.tsx');
    expect(changedLines(sample.original('src/pages/Home.tsx'), after)).toEqual({ removed: ['        Build faster with Acme'], added: ['        Calm software'] });
    const text = shown(await sample.agent.propose(uxRequest({ section: 'navbar' }, 'ux-map'), uxContext));
    expect(text).toContain('  brand (text, from the site map): src/components/NavBar.tsx [data-ux="navbar-brand"]');
  });

  it('edits the colour the map names instead of the one discovery found, and still discovers the rest', async () => {
    const color = await bakery.commitOf({ command: 'section:footer color:#123456' }, 'styles.css');
    expect(changedLines(bakery.original('styles.css'), color)).toEqual({ removed: ['  --accent: #b45309;'], added: ['  --accent: #123456;'] });
    const text = await bakery.commitOf({ description: 'change the footer copyright to "© 2025 Lakeside Bakery"' }, 'index.html');
    expect(changedLines(bakery.original('index.html'), text).removed).toEqual(['    <p>&copy; 2024 Lakeside Bakery &middot; Made with flour &amp; patience.</p>']);
    const map = shown(await bakery.agent.propose(uxRequest({ section: 'footer' }, 'ux-map'), uxContext));
    expect(map).toContain('  color (color, from the site map): styles.css --accent');
    expect(map).toContain('  text (text): "© 2024 Lakeside Bakery · Made with flou…" index.html:34');
  });
});
