import { changedLines, seedFixtureRepo, shown, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';

/** Colours written as Tailwind classes the way the site writes them, through the agent. */
describe('Tailwind colour edits on vite-react-tailwind3', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('vite-react-tailwind3'));
  });
  afterAll(() => repo.remove());
  const LAYOUT = 'src/layouts/MarketingLayout.jsx';

  it('turns bg-white/80 into a palette class keeping /80, and leaves dark: and hover: classes alone', async () => {
    const outcome = await repo.propose({ description: 'make the navbar background dark blue' });
    expect(shown(outcome)).toContain('Kept as they are: dark:bg-gray-950.');
    const after = repo.git('show', `${await repo.confirm(outcome)}:${LAYOUT}`);
    expect(changedLines(repo.original(LAYOUT), after)).toEqual({
      removed: ['      <header className="fixed inset-x-0 top-0 z-50 bg-white/80 dark:bg-gray-950 backdrop-blur-lg border-b border-gray-200/50">'],
      added: ['      <header className="fixed inset-x-0 top-0 z-50 bg-blue-800/80 dark:bg-gray-950 backdrop-blur-lg border-b border-gray-200/50">'],
    });
    expect(after).toContain('hover:bg-gray-50 hover:text-brand');
  });

  it('writes a palette colour given as its exact hex by its palette name', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, LAYOUT);
    expect(changedLines(repo.original(LAYOUT), after).added).toEqual([expect.stringContaining(' bg-blue-900/80 dark:bg-gray-950 ')]);
  });

  it("writes a hex equal to a theme colour as the site's token", async () => {
    const outcome = await repo.propose({ command: 'section:footer color:#0CCE6B' });
    expect(shown(outcome)).toContain("Written as the site's theme colour bg-brand.");
    const FOOTER = 'src/components/MarketingFooter.jsx';
    const after = repo.git('show', `${await repo.confirm(outcome)}:${FOOTER}`);
    expect(changedLines(repo.original(FOOTER), after)).toEqual({
      removed: ['    <footer className="border-t border-gray-200 bg-white dark:bg-gray-950" role="contentinfo">'],
      added: ['    <footer className="border-t border-gray-200 bg-brand dark:bg-gray-950" role="contentinfo">'],
    });
  });
});

describe('Tailwind colour edits on a navbar with an arbitrary colour (links-with-ids)', () => {
  let repo: FixtureRepo;
  const NAVBAR = 'src/components/Navbar.jsx';
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('links-with-ids'));
    const navbar = repo.original(NAVBAR).replace('bg-slate-900', 'bg-[#0f172a]');
    await repo.host.commitFiles('main', [{ path: NAVBAR, content: navbar }], { message: 'an arbitrary navbar colour' });
  });
  afterAll(() => repo.remove());

  it('keeps an arbitrary bg-[#…] class arbitrary, even for a palette hex', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#1e3a8a' }, NAVBAR);
    expect(changedLines(repo.original(NAVBAR), after)).toEqual({
      removed: ['    <nav className="w-full flex py-6 justify-between items-center bg-[#0f172a]">'],
      added: ['    <nav className="w-full flex py-6 justify-between items-center bg-[#1e3a8a]">'],
    });
  });

  it('still writes a theme colour as its token', async () => {
    const after = await repo.commitOf({ command: 'section:navbar color:#00040f' }, NAVBAR);
    expect(changedLines(repo.original(NAVBAR), after).added).toEqual(['    <nav className="w-full flex py-6 justify-between items-center bg-primary">']);
  });
});

describe('Tailwind colour edits where the classes live in a variable (next-tailwind4-blog)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('next-tailwind4-blog'));
  });
  afterAll(() => repo.remove());

  it("changes bg-white inside `let headerClass = '…'` and keeps dark:bg-gray-950", async () => {
    const after = await repo.commitOf({ description: 'make the navbar background dark blue' }, 'components/Header.tsx');
    expect(changedLines(repo.original('components/Header.tsx'), after)).toEqual({
      removed: ["  let headerClass = 'flex items-center w-full bg-white dark:bg-gray-950 justify-between py-10'"],
      added: ["  let headerClass = 'flex items-center w-full bg-blue-800 dark:bg-gray-950 justify-between py-10'"],
    });
  });
});
