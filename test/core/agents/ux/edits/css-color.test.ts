import { changedLines, seedFixtureRepo, shown, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';

/** Colours a plain CSS site sets in its stylesheet, changed there through the agent. */
describe('CSS colour edits on plain-css-site', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('plain-css-site'));
  });
  afterAll(() => repo.remove());

  it('changes background-color in the .site-header rule, and only that line', async () => {
    const outcome = await repo.propose({ command: 'section:header color:#1e3a8a' });
    expect(shown(outcome)).toContain('`styles.css:23`');
    const branch = await repo.confirm(outcome);
    expect(changedLines(repo.original('styles.css'), repo.git('show', `${branch}:styles.css`))).toEqual({ removed: ['  background-color: #ffffff;'], added: ['  background-color: #1e3a8a;'] });
    expect(repo.git('diff', '--name-only', `main..${branch}`).trim()).toBe('styles.css');
  });

  it('finds the navbar colour set on the header around the <nav>', async () => {
    const after = await repo.commitOf({ description: 'make the navbar background dark blue' }, 'styles.css');
    expect(changedLines(repo.original('styles.css'), after)).toEqual({ removed: ['  background-color: #ffffff;'], added: [expect.stringMatching(/^ {2}background-color: #[0-9a-f]{6};$/)] });
  });

  it('follows background-color: var(--footer-bg) to the custom property and changes its declaration', async () => {
    const after = await repo.commitOf({ description: 'make the footer background #1f2937' }, 'styles.css');
    expect(changedLines(repo.original('styles.css'), after)).toEqual({ removed: ['  --footer-bg: #111827;'], added: ['  --footer-bg: #1f2937;'] });
    expect(after).toContain('  background-color: var(--footer-bg);');
  });

  it('makes the hero headline bigger in the rule that styles it through its ancestor (.hero h1), one size step', async () => {
    const outcome = await repo.propose({ description: 'make the hero headline bigger' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain('Changed in styles.css:51 (.hero h1).');
    expect(shown(outcome)).toContain('-  font-size: 2.5rem;\n+  font-size: 3.13rem;');
  });
});
