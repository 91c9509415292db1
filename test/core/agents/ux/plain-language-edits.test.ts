import { seedSiteFromFiles, shown, type FixtureRepo } from '../../../support/ux-fixture-repo';

/** Everyday phrasings on a small React + Tailwind site written here: each ends in the edit a person means. */
const SITE: Record<string, string> = {
  'package.json': '{ "name": "shop", "dependencies": { "react": "18" }, "devDependencies": { "tailwindcss": "^3.4.0", "vite": "5" } }\n',
  'tailwind.config.js': "export default { theme: { extend: { colors: { brand: '#0ea5e9' } } } };\n",
  'index.html': '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>\n',
  'src/main.jsx': "import { createRoot } from 'react-dom/client';\nimport App from './App';\n\ncreateRoot(document.getElementById('root')).render(<App />);\n",
  'src/cn.js': "export const cn = (...parts) => parts.filter(Boolean).join(' ');\n",
  'src/App.jsx': [
    "import Navbar from './Navbar';",
    "import { cn } from './cn';",
    '',
    'export default function App() {',
    '  return (',
    '    <>',
    '      <Navbar />',
    '      <section className="hero py-24">',
    "        <h1 style={{ fontSize: 'clamp(2rem, 5vw, 4rem)' }}>Fresh bread daily</h1>",
    "        <button className={cn('px-6 py-3 text-white', 'bg-amber-600')}>Order now</button>",
    '      </section>',
    '      <footer className="bg-gray-100">',
    '        <p>© 2024 Crumb Bakery</p>',
    '      </footer>',
    '    </>',
    '  );',
    '}',
    '',
  ].join('\n'),
  'src/Navbar.jsx': [
    'const links = [',
    "  { label: 'Menu', href: '/menu' },",
    "  { label: 'Visit', href: '/visit' },",
    "  { label: 'Jobs', href: '/jobs' },",
    '];',
    '',
    'export default function Navbar() {',
    '  return (',
    '    <nav className="flex gap-4 bg-white">',
    '      <a href="/" className="font-bold">Crumb</a>',
    '      {links.map((l) => (',
    '        <a key={l.href} href={l.href}>{l.label}</a>',
    '      ))}',
    '    </nav>',
    '  );',
    '}',
    '',
  ].join('\n'),
};

let repo: FixtureRepo;
let cleanup: () => void;
beforeAll(async () => {
  ({ repo, cleanup } = await seedSiteFromFiles(SITE));
});
afterAll(() => cleanup());

const changed = (before: string, after: string) => {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
};

describe('plain language on a site nobody described', () => {
  it('"make the navbar blue" changes its background class, not its text colour', async () => {
    const after = await repo.commitOf({ description: 'make the navbar blue' }, 'src/Navbar.jsx');
    expect(changed(repo.original('src/Navbar.jsx'), after)).toEqual({ removed: ['    <nav className="flex gap-4 bg-white">'], added: ['    <nav className="flex gap-4 bg-blue-600">'] });
  });

  it('warns when a new navbar background leaves its text hard to read', async () => {
    const outcome = await repo.propose({ description: 'make the navbar background black' });
    expect(outcome.kind).toBe('proposal');
    // No text colour on the bar: its words keep the page's default, dark on the new black.
    expect(shown(outcome)).toContain("The texts on it set no colour of their own (they use the page's default, usually dark)");
    expect(shown(outcome)).toContain('consider a lighter text colour');
    const site = await seedSiteFromFiles({ ...SITE, 'src/Navbar.jsx': SITE['src/Navbar.jsx'].replace('bg-white', 'bg-white text-gray-900') });
    try {
      const dark = await site.repo.propose({ description: 'make the navbar background black' });
      expect(shown(dark)).toContain('On the new background, text-gray-900 becomes hard to read (contrast below 3:1)');
    } finally {
      site.cleanup();
    }
  });

  it('"make the navbar text white" adds a text colour class to the navbar', async () => {
    const after = await repo.commitOf({ description: 'make the navbar text white' }, 'src/Navbar.jsx');
    expect(changed(repo.original('src/Navbar.jsx'), after).added).toEqual(['    <nav className="flex gap-4 bg-white text-white">']);
  });

  it('a button colour equal to the site theme colour is written as the theme token (bg-brand)', async () => {
    const after = await repo.commitOf({ description: 'make the button #0ea5e9' }, 'src/App.jsx');
    expect(changed(repo.original('src/App.jsx'), after).added).toEqual(["        <button className={cn('px-6 py-3 text-white', 'bg-brand')}>Order now</button>"]);
  });

  it('"round the button" adds the class as one more cn() argument, never a second className', async () => {
    const after = await repo.commitOf({ description: 'round the button' }, 'src/App.jsx');
    const added = changed(repo.original('src/App.jsx'), after).added;
    expect(added).toEqual(["        <button className={cn('px-6 py-3 text-white rounded-lg', 'bg-amber-600')}>Order now</button>"]);
    expect(after.match(/className=/g)?.length).toBe(repo.original('src/App.jsx').match(/className=/g)?.length);
  });

  it('"make the hero headline bigger" scales every length of an inline clamp() by 1.25', async () => {
    const after = await repo.commitOf({ description: 'make the hero headline bigger' }, 'src/App.jsx');
    expect(changed(repo.original('src/App.jsx'), after).added).toEqual(["        <h1 style={{ fontSize: 'clamp(2.5rem, 6.25vw, 5rem)' }}>Fresh bread daily</h1>"]);
  });

  it('"delete Jobs from the nav" removes that array entry (a link it names), nothing else', async () => {
    const after = await repo.commitOf({ description: 'delete Jobs from the nav' }, 'src/Navbar.jsx');
    expect(changed(repo.original('src/Navbar.jsx'), after)).toEqual({ removed: ["  { label: 'Jobs', href: '/jobs' },"], added: [] });
  });

  it('"delete the logo" is a question, never an edit', async () => {
    const outcome = await repo.propose({ description: 'delete the logo from the navbar' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/removes links only/);
  });

  it('quoted words after "add" that are no link request become a question, not a new brand', async () => {
    const outcome = await repo.propose({ description: 'add "Catering" to the navbar' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toContain('add a link "Catering" to /catering in the navbar');
  });

  it('keeps the © and year of the footer when asked for a new copyright holder', async () => {
    const after = await repo.commitOf({ description: 'change the footer copyright to "Crumb & Co."' }, 'src/App.jsx');
    expect(changed(repo.original('src/App.jsx'), after).added).toEqual(['        <p>© 2024 Crumb &amp; Co.</p>']);
  });
});
