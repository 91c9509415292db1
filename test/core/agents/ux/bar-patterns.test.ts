import { seedSiteFromFiles, shown, viteReactSite } from '../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';

/**
 * Patterns of real navbars that were edited wrongly or refused: the colour of a bar that a
 * transparent wrapper holds, a colour that depends on scrolling, a bar with buttons but no
 * links, a submenu inside the link list, colours named with a shade word, contrast advice, and
 * quoted text that runs into a link.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;
const diffOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { diff: string }).diff : '');
const added = (outcome: ProposalOutcome) => diffOf(outcome).split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
const candidates = (outcome: ProposalOutcome) => (outcome.kind === 'choice' ? outcome.candidates : []);

const app = (body: string) => viteReactSite({ tailwindcss: '3' }, { 'src/App.jsx': `import { useState } from 'react';\nexport default function App() {\n  const [scrolled] = useState(false);\n  return (\n    <>\n${body}\n    </>\n  );\n}\n` });

describe('a rounded bar inside a transparent header', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(
      app(
        [
          '      <header className="fixed inset-x-0 top-0 z-50 bg-transparent">',
          '        <nav className="mx-auto mt-4 flex max-w-5xl">',
          '          <div className="flex w-full justify-between rounded-full bg-white/90 px-6 py-3 shadow-lg">',
          '            <a href="/" className="font-bold">Acme</a>',
          '            <div className="flex gap-6"><a href="/features">Features</a><a href="/pricing">Pricing</a></div>',
          '          </div>',
          '        </nav>',
          '      </header>',
          '      <main><h1>Ship faster</h1><p>Designed and Developed by <a href="https://uideck.com">UIdeck</a></p></main>',
        ].join('\n'),
      ),
    );
  });
  afterAll(() => site.cleanup());

  it('paints the bar a visitor sees, never the transparent wrapper', async () => {
    for (const description of ['make the navbar background dark blue', 'make the header dark blue']) {
      const outcome = await site.repo.propose({ description });
      expect(added(outcome)).toEqual(['+          <div className="flex w-full justify-between rounded-full bg-blue-800/90 px-6 py-3 shadow-lg">']);
    }
  });

  it('warns that the texts on a dark bar keep their dark default colour, advising a lighter one', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar background navy' });
    expect(shown(outcome)).toMatch(/lighter text colour/);
    expect(shown(outcome)).not.toMatch(/darker text colour/);
  });

  it('finds quoted text the way a visitor reads it across a link, and asks before removing the link', async () => {
    const outcome = await site.repo.propose({ description: 'change "Designed and Developed by UIdeck" to "Made by Acme"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('<a>UIdeck</a>');
  });
});

describe('a header whose background appears once scrolled, with buttons and no links', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(
      app(
        [
          "      <header className={`fixed top-0 w-full ${scrolled ? 'bg-white shadow' : 'bg-transparent'}`}>",
          '        <nav className="flex items-center justify-between p-4">',
          '          <a href="/" className="text-xl font-bold">Acme</a>',
          '          <div className="flex gap-3">',
          '            <a href="/login" className="rounded-md border px-4 py-2">Sign in</a>',
          '            <a href="/signup" className="rounded-md bg-indigo-600 px-4 py-2 text-white">Get started</a>',
          '          </div>',
          '        </nav>',
          '      </header>',
          '      <main><h1>Hello</h1></main>',
        ].join('\n'),
      ),
    );
  });
  afterAll(() => site.cleanup());

  it('asks which state becomes the colour, each answer with its own preview', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar background dark blue' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('changes with its state (bg-white or bg-transparent');
    const labels = candidates(outcome).map((c) => c.label);
    expect(labels).toEqual(['Where it is bg-white now', 'Where it is bg-transparent now', 'Always (bg-white and bg-transparent)']);
    const always = candidates(outcome)[2].proposal as { diff: string };
    expect(always.diff).toContain("+      <header className={`fixed top-0 w-full ${scrolled ? 'bg-blue-800 shadow' : 'bg-blue-800'}`}>");
  });

  it('adds the first link beside the buttons, asking how: a plain link or a copy of a button', async () => {
    const outcome = await site.repo.propose({ description: 'add a link "Pricing" to /pricing in the navbar' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toContain('has no links yet, only buttons (Sign in, Get started)');
    const [plain, button] = candidates(outcome).map((c) => (c.proposal as { diff: string }).diff);
    expect(plain).toContain('+            <a href="/pricing">Pricing</a>');
    expect(button).toContain('+            <a href="/pricing" className="rounded-md border px-4 py-2">Pricing</a>');
  });
});

describe('a menu with a submenu, and colours named with a shade word', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(
      app(
        [
          '      <header className="bg-white">',
          '        <nav>',
          '          <a href="/">Acme</a>',
          '          <ul className="flex gap-4">',
          '            <li><a href="/">Home</a></li>',
          '            <li className="group relative"><a href="/products">Products</a>',
          '              <ul className="absolute hidden group-hover:block">',
          '                <li><a href="/products/a">Product A</a></li>',
          '                <li><a href="/products/b">Product B</a></li>',
          '              </ul>',
          '            </li>',
          '            <li><a href="/contact">Contact</a></li>',
          '          </ul>',
          '        </nav>',
          '      </header>',
          '      <main><h1>Hello</h1></main>',
          '      <footer className="bg-gray-900 text-gray-300"><p>© 2026 Acme</p></footer>',
        ].join('\n'),
      ),
    );
  });
  afterAll(() => site.cleanup());

  it('adds to the top-level list, never the submenu', async () => {
    const outcome = await site.repo.propose({ description: 'add a link "Pricing" to /pricing in the navbar' });
    expect(outcome.kind).toBe('proposal');
    expect(added(outcome)).toEqual(['+            <li><a href="/pricing">Pricing</a></li>']);
    expect(diffOf(outcome)).toContain('             <li><a href="/contact">Contact</a></li>\n+            <li><a href="/pricing">Pricing</a></li>');
  });

  it('keeps "dark" in "dark brown": a darker brown than brown, named as asked', async () => {
    const outcome = await site.repo.propose({ description: 'make the navbar dark brown' });
    expect(shown(outcome)).toContain('(dark brown)');
    const written = /bg-\[(#[0-9a-f]{6})\]/.exec(diffOf(outcome))?.[1];
    const sum = (hex: string) => [1, 3, 5].reduce((total, i) => total + Number.parseInt(hex.slice(i, i + 2), 16), 0);
    expect(written && sum(written) < sum('#a52a2a')).toBe(true);
  });

  it('advises a darker text on a light background, never a lighter one', async () => {
    const outcome = await site.repo.propose({ description: 'make the footer background white' });
    expect(shown(outcome)).toMatch(/text-gray-300 becomes hard to read .* darker text colour/);
  });

  it('lists no change that changes nothing', async () => {
    const outcome = await site.repo.propose({ command: 'section:footer color:#111827 text-color:white' });
    expect(shown(outcome)).not.toMatch(/\*\*color\*\*/);
    expect(shown(outcome)).toMatch(/\*\*text-color\*\*/);
  });
});
