import { changedLines, seedFixtureRepo, shown, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';

/** New words through the agent: only the words change, the markup around them stays. */
describe('text edits on vite-react-tailwind3', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('vite-react-tailwind3'));
  });
  afterAll(() => repo.remove());
  const FOOTER = 'src/components/MarketingFooter.jsx';
  const HERO = 'src/components/landing/HeroSection.jsx';

  it('keeps &copy; {currentYear} and does not write "© 2026" twice when the person repeats it', async () => {
    const outcome = await repo.propose({ description: 'change the footer copyright to "© 2026 Acme"' });
    expect(shown(outcome)).toContain('The © and year already shown (© {currentYear}) are kept, not written twice.');
    const after = repo.git('show', `${await repo.confirm(outcome)}:${FOOTER}`);
    expect(changedLines(repo.original(FOOTER), after)).toEqual({
      removed: ['          <div>&copy; {currentYear} Acme Co. All rights reserved.</div>'],
      // The holder changes; "All rights reserved." after it stays, as the person named only the holder.
      added: ['          <div>&copy; {currentYear} Acme. All rights reserved.</div>'],
    });
  });

  it('keeps the © prefix when the person gives only the words', async () => {
    const after = await repo.commitOf({ description: 'change the footer copyright to "Acme Inc. All rights reserved."' }, FOOTER);
    expect(changedLines(repo.original(FOOTER), after).added).toEqual(['          <div>&copy; {currentYear} Acme Inc. All rights reserved.</div>']);
  });

  it('writes the <br /> headline as one line, and no other line of the file moves', async () => {
    const before = repo.original(HERO);
    const after = await repo.commitOf({ description: 'change the hero headline to "Ship faster with Acme"' }, HERO);
    const lines = before.split('\n');
    const at = lines.indexOf('          Launch pages your team');
    expect(lines[at + 1]).toBe('          <br />will actually enjoy.');
    expect(after.split('\n')).toEqual([...lines.slice(0, at), '          Ship faster with Acme', ...lines.slice(at + 2)]);
  });

  it('changes a button label beside an icon and keeps the icon', async () => {
    const after = await repo.commitOf({ description: 'change the "Start your free trial" button to "Join the waitlist"' }, HERO);
    expect(changedLines(repo.original(HERO), after)).toEqual({ removed: ['            Start your free trial'], added: ['            Join the waitlist'] });
  });

  it('writes & as an entity in JSX text', async () => {
    const after = await repo.commitOf({ command: 'section:footer text:"Acme & Co. All rights reserved."' }, FOOTER);
    expect(changedLines(repo.original(FOOTER), after).added).toEqual(['          <div>&copy; {currentYear} Acme &amp; Co. All rights reserved.</div>']);
  });
});

describe('text edits held in config modules and plain HTML', () => {
  let blog: FixtureRepo;
  let html: FixtureRepo;
  beforeAll(async () => {
    blog = await seedFixtureRepo(fixtureDir('next-tailwind4-blog'));
    html = await seedFixtureRepo(fixtureDir('plain-html'));
  });
  afterAll(() => {
    blog.remove();
    html.remove();
  });

  it('changes the header title in data/siteMetadata.js, in its quote style, and says it is shown everywhere', async () => {
    const outcome = await blog.propose({ description: 'change the site title in the header to "Acme\'s Notes"' });
    expect(shown(outcome)).toContain('The text comes from data/siteMetadata.js, so it is changed there (everywhere it is shown).');
    const branch = await blog.confirm(outcome);
    expect(changedLines(blog.original('data/siteMetadata.js'), blog.git('show', `${branch}:data/siteMetadata.js`))).toEqual({
      removed: ["  headerTitle: 'FieldNotes',"],
      added: ["  headerTitle: 'Acme\\'s Notes',"],
    });
    expect(blog.git('diff', '--name-only', `main..${branch}`).trim()).toBe('data/siteMetadata.js');
  });

  it('writes a plain HTML copyright once when the person gives a new year', async () => {
    const after = await html.commitOf({ description: 'change the footer copyright to "© 2025 Example Studio Ltd."' }, 'index.html');
    const { removed, added } = changedLines(html.original('index.html'), after);
    expect(removed).toEqual(['    <p>&copy; 2024 Example Studio. All rights reserved.</p>']);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^ {4}<p>(?:©|&copy;) 2025 Example Studio Ltd\. All rights reserved\.<\/p>$/);
  });
});
