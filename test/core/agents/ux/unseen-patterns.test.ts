import { seedSiteFromFiles, shown, viteReactSite } from '../../../support/ux-fixture-repo';

/**
 * Patterns an adversarial run on unseen sites found wrong or missed: each site is a few files
 * written here, each test what a person would see.
 */
const siteOf = seedSiteFromFiles;

const lines = (text: string) => text.split('\n');
const added = (before: string, after: string) => lines(after).filter((l) => !lines(before).includes(l));

describe('a React footer whose copyright line holds a link', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf(
      viteReactSite({}, {
      'src/App.jsx': [
        'export default function App() {',
        '  const year = new Date().getFullYear();',
        '  return (',
        '    <>',
        '      <header style={{ background: "rebeccapurple" }}><a href="/">Acme</a></header>',
        '      <h1>Hello</h1>',
        '      <footer>',
        '        <p>',
        '          © {year} <a href="/">Acme</a>. All rights reserved.',
        '        </p>',
        '      </footer>',
        '    </>',
        '  );',
        '}',
        '',
      ].join('\n'),
      }),
    );
  });
  afterAll(() => site.cleanup());

  it('asks before replacing the words around the link, never writing "</a>Acme Labs"', async () => {
    const outcome = await site.repo.propose({ description: 'change the footer copyright to "Acme Labs. All rights reserved."' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('also means removing <a>Acme</a>');
  });

  it('changes a header colour set by an inline style where it is', async () => {
    const after = await site.repo.commitOf({ command: 'section:header color:#1e3a8a' }, 'src/App.jsx');
    expect(added(site.repo.original('src/App.jsx'), after)).toEqual(['      <header style={{ background: "#1e3a8a" }}><a href="/">Acme</a></header>']);
  });
});

describe('a plain HTML site with a classic script and a themed CSS variable', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf({
      'index.html': [
        '<!doctype html>',
        '<html><head><link rel="stylesheet" href="css/style.css"></head>',
        '<body>',
        '  <header class="site-header"><a href="/" class="brand">Harbor</a>',
        '    <nav id="mainNav"><a href="#tours">Tours</a> <a href="#contact">Contact</a></nav>',
        '  </header>',
        '  <h1>Sail the bay</h1>',
        '  <footer><p>&copy; 2024 Harbor Tours</p></footer>',
        '  <script src="js/menu.js"></script>',
        '</body></html>',
        '',
      ].join('\n'),
      'js/menu.js': "document.querySelector('#mainNav');\n",
      'css/style.css': [
        ':root { --header-bg: #ffffff; }',
        '[data-theme="dark"] { --header-bg: #111111; }',
        '.site-header { background: var(--header-bg); }',
        '#mainNav { background-color: #eeeeee; }',
        '@media (min-width: 992px) {',
        '  #mainNav { background-color: transparent; }',
        '}',
        '#mainNav.shrink { background-color: #222222; }',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('is read as plain HTML despite its <script src>, and the hero is found', async () => {
    const after = await site.repo.commitOf({ description: 'change the hero headline to "Sail the harbour"' }, 'index.html');
    expect(added(site.repo.original('index.html'), after)).toEqual(['  <h1>Sail the harbour</h1>']);
  });

  it('edits the navbar\'s own rule, naming (not changing) the @media and state rules', async () => {
    const outcome = await site.repo.propose({ command: 'section:navbar color:#1e3a8a' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain('-#mainNav { background-color: #eeeeee; }\n+#mainNav { background-color: #1e3a8a; }');
    expect(shown(outcome)).toMatch(/Also set, and unchanged: @.?media \(min-width: 992px\) #mainNav \(transparent\), #mainNav\.shrink \(#222222\)/);
  });

  it('asks which theme when the header colour is a variable declared for light and dark', async () => {
    const outcome = await site.repo.propose({ command: 'section:header color:#1e3a8a' });
    expect(outcome.kind).toBe('choice');
    expect(outcome.kind === 'choice' && outcome.candidates.map((c) => c.label)).toEqual(['--header-bg in :root (now #ffffff)', '--header-bg in [data-theme="dark"] (now #111111)']);
  });

  it('keeps &copy; as the file writes it', async () => {
    const after = await site.repo.commitOf({ description: 'change the footer text to "© 2026 Harbor Co."' }, 'index.html');
    expect(added(site.repo.original('index.html'), after)).toEqual(['  <footer><p>&copy; 2026 Harbor Co.</p></footer>']);
  });
});

describe('a Remix app whose header lives in the root Layout export, with a logo image only', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf({
      'package.json': '{ "dependencies": { "@remix-run/react": "2", "react": "18" }, "devDependencies": { "tailwindcss": "3" } }\n',
      'app/root.tsx': [
        "import { Outlet } from '@remix-run/react';",
        "import { Header } from './components/Header';",
        '',
        'export function Layout({ children }: { children: React.ReactNode }) {',
        '  return (<html><body><Header />{children}</body></html>);',
        '}',
        '',
        'export default function App() {',
        '  return <Outlet />;',
        '}',
        '',
      ].join('\n'),
      'app/components/Header.tsx': [
        'export function Header() {',
        '  return (',
        '    <header className="bg-white">',
        '      <a href="/"><img src="/logo.svg" alt="Swell" /></a>',
        '      <nav><a href="/lessons">Lessons</a><a href="/camps">Camps</a></nav>',
        '      <select><option>EN</option><option>FR</option></select>',
        '    </header>',
        '  );',
        '}',
        '',
      ].join('\n'),
      'app/routes/_index.tsx': 'export default function Index() {\n  return <h1 className="text-4xl">Surf every day</h1>;\n}\n',
    });
  });
  afterAll(() => site.cleanup());

  it('finds the header through the Layout export', async () => {
    const after = await site.repo.commitOf({ description: 'make the navbar background dark blue' }, 'app/components/Header.tsx');
    expect(added(site.repo.original('app/components/Header.tsx'), after)).toEqual(['    <header className="bg-blue-800">']);
  });

  it('answers a new site title with a question naming the logo image and the links, never offering the language options', async () => {
    const outcome = await site.repo.propose({ command: 'section:header text:"Test Deploy"' });
    expect(outcome.kind).toBe('clarification');
    expect(shown(outcome)).toMatch(/shows no title or brand text \(its logo is an image, alt "Swell", changed in the code\)\. Its links are "Lessons", "Camps"/);
    expect(shown(outcome)).not.toContain('"EN"');
  });

  it('never takes "the site title" for the hero headline', async () => {
    const outcome = await site.repo.propose({ description: 'change the site title to "Swell Co"' });
    expect(outcome.kind).not.toBe('proposal');
  });
});

describe('a React site whose texts are translation keys', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf(
      viteReactSite({ 'react-i18next': '14' }, {
      'src/App.jsx': [
        "import { useTranslation } from 'react-i18next';",
        '',
        'export default function App() {',
        '  const { t } = useTranslation();',
        '  return (',
        '    <main>',
        "      <h1>{t('hero.title')}</h1>",
        "      <a href=\"/signup\" className=\"btn\">{t('hero.cta')}</a>",
        '    </main>',
        '  );',
        '}',
        '',
      ].join('\n'),
      'src/locales/en/translation.json': '{\n  "hero": {\n    "title": "Speak every language",\n    "cta": "Start learning"\n  }\n}\n',
      'src/locales/de/translation.json': '{\n  "hero": {\n    "title": "Sprich jede Sprache",\n    "cta": "Loslegen"\n  }\n}\n',
      }),
    );
  });
  afterAll(() => site.cleanup());

  it('changes the default language\'s string, keeps the file valid JSON and says the other languages are unchanged', async () => {
    const outcome = await site.repo.propose({ description: 'change the hero headline to "Learn faster"' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain("other languages' files are not changed");
    const after = await site.repo.commitOf({ description: 'change the hero headline to "Learn faster"' }, 'src/locales/en/translation.json');
    expect(JSON.parse(after)).toEqual({ hero: { title: 'Learn faster', cta: 'Start learning' } });
    expect(site.repo.git('diff', '--stat', 'main', '--', 'src/locales/de/translation.json').trim()).toBe('');
  });

  it('finds a button by its translated words', async () => {
    const after = await site.repo.commitOf({ description: 'change "Start learning" to "Try it free"' }, 'src/locales/en/translation.json');
    expect(JSON.parse(after).hero.cta).toBe('Try it free');
  });
});

describe('a Tailwind footer whose texts set their own colours', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf(
      viteReactSite({ tailwindcss: '3' }, {
      'src/App.jsx': [
        'export default function App() {',
        '  return (',
        '    <>',
        '      <h1>Plants</h1>',
        '      <footer className="bg-slate-50 text-slate-600">',
        '        <p className="font-bold text-emerald-700">Fernly</p>',
        '        <a href="/shop" className="rounded bg-emerald-600 px-4 py-2 text-white">Shop</a>',
        '        <p className="text-xs text-slate-500 hover:text-slate-900">© 2024 Fernly</p>',
        '      </footer>',
        '    </>',
        '  );',
        '}',
        '',
      ].join('\n'),
      }),
    );
  });
  afterAll(() => site.cleanup());

  it('changes the texts inside with the footer, keeps the button and the hover variant, and warns about contrast', async () => {
    const outcome = await site.repo.propose({ description: 'make the footer text white' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain('Contrast with the background (bg-slate-50) is 1.0:1');
    const after = await site.repo.commitOf({ description: 'make the footer text white' }, 'src/App.jsx');
    expect(added(site.repo.original('src/App.jsx'), after)).toEqual([
      '      <footer className="bg-slate-50 text-white">',
      '        <p className="font-bold text-white">Fernly</p>',
      '        <p className="text-xs text-white hover:text-slate-900">© 2024 Fernly</p>',
    ]);
  });
});

describe('a docs-style landing whose hero reuses the site title', () => {
  let site: Awaited<ReturnType<typeof siteOf>>;
  beforeAll(async () => {
    site = await siteOf(
      viteReactSite({}, {
        'src/site.config.js': "export default {\n  title: 'Quill',\n};\n",
        'src/App.jsx': [
          "import siteConfig from './site.config';",
          '',
          'export default function App() {',
          '  return (',
          '    <>',
          '      <nav className="navbar"><a href="/" className="brand">{siteConfig.title}</a><a href="/docs">Docs</a><a href="/blog">Blog</a></nav>',
          '      <header className="hero">',
          '        <h1>{siteConfig.title}</h1>',
          '        <a href="/docs/intro" className="btn">Get started - 5min ⏱️</a>',
          '      </header>',
          '      <footer><p>© 2024 Maya Chen. Built with React.</p></footer>',
          '    </>',
          '  );',
          '}',
          '',
        ].join('\n'),
      }),
    );
  });
  afterAll(() => site.cleanup());

  it('asks whether the shared title changes everywhere or only in the hero, and "only" writes the words in the hero', async () => {
    const outcome = await site.repo.propose({ description: 'change the hero headline to "Docs people read"' });
    expect(outcome.kind).toBe('choice');
    const candidates = outcome.kind === 'choice' ? outcome.candidates : [];
    expect(candidates.map((c) => c.label)).toEqual(['Everywhere (also the header)', 'Only in the home']);
    const branch = await site.repo.confirm({ kind: 'proposal', summary: candidates[1].summary, proposal: candidates[1].proposal, preview: candidates[1].preview });
    const after = site.repo.git('show', `${branch}:src/App.jsx`);
    expect(added(site.repo.original('src/App.jsx'), after)).toEqual(['        <h1>Docs people read</h1>']);
  });

  it('changes the copyright holder and keeps the sentence after it', async () => {
    const after = await site.repo.commitOf({ description: 'change the footer copyright to "© 2025 Maya Chen"' }, 'src/App.jsx');
    expect(added(site.repo.original('src/App.jsx'), after)).toEqual(['      <footer><p>© 2025 Maya Chen. Built with React.</p></footer>']);
  });

  it('offers the one text that begins with quoted words, never changing it unasked', async () => {
    const outcome = await site.repo.propose({ description: 'change "Get started" to "Read the docs"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('No text reads exactly "Get started", but "Get started - 5min ⏱️" begins with it.');
  });

  it('accepts a relative page link (about.html) for a new navbar link', async () => {
    const outcome = await site.repo.propose({ description: 'add a link "About" to about.html in the navbar' });
    expect(outcome.kind).toBe('proposal');
    expect(shown(outcome)).toContain('<a href="about.html">About</a>');
  });
});
