import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { editCssVariable, readCssVariable, scanCustomProperties } from '../../../../lambda/core/agents/ux/edits/css-variable';
import { EditError } from '../../../../lambda/core/agents/ux/edits/edit-error';
import { editJsxText, readJsxText } from '../../../../lambda/core/agents/ux/edits/jsx-text';
import { addLinks, readLinks } from '../../../../lambda/core/agents/ux/edits/links-array';

const SITE = join(__dirname, '../../../../examples/site');
const sample = (path: string) => readFileSync(join(SITE, path), 'utf8');

/** The edit changed exactly `from` into `to` (which occurs once), every other byte identical. */
function expectOnlyChanged(before: string, after: string, from: string, to: string) {
  expect(before.split(from)).toHaveLength(2);
  expect(after).toBe(before.replace(from, to));
}

describe('JSX text edit (element with a marker attribute)', () => {
  const header = sample('src/components/Header.tsx');
  const home = sample('src/pages/Home.tsx');
  const navbar = sample('src/components/NavBar.tsx');

  it('replaces the text of an inline element', () => {
    const after = editJsxText(header, 'src/components/Header.tsx', 'data-ux', 'header-text', 'Test Deploy');
    expectOnlyChanged(header, after, '>Welcome to Acme</h1>', '>Test Deploy</h1>');
  });

  it('keeps the indentation of a multi-line element', () => {
    const after = editJsxText(home, 'src/pages/Home.tsx', 'data-ux', 'home-hero-text', 'Ship calmly');
    expectOnlyChanged(home, after, '\n        Build faster with Acme\n', '\n        Ship calmly\n');
    const brand = editJsxText(navbar, 'src/components/NavBar.tsx', 'data-ux', 'navbar-brand', 'Acme Labs');
    expectOnlyChanged(navbar, brand, '>\n        Acme\n      </a>', '>\n        Acme Labs\n      </a>');
  });

  it('writes characters JSX would interpret as a string expression, and reads it back', () => {
    const text = 'Save {50%} on <b>everything</b> & more\\';
    const after = editJsxText(header, 'src/components/Header.tsx', 'data-ux', 'header-text', text);
    expectOnlyChanged(header, after, '>Welcome to Acme</h1>', `>{${JSON.stringify(text)}}</h1>`);
    expect(readJsxText(after, 'src/components/Header.tsx', 'data-ux', 'header-text')).toBe(text);
    const again = editJsxText(after, 'src/components/Header.tsx', 'data-ux', 'header-text', 'Plain again');
    expect(again).toBe(header.replace('Welcome to Acme', 'Plain again'));
  });

  it('keeps mentions, markdown and backticks as inert text', () => {
    const text = '@everyone **bold** `code` "quoted" it\'s';
    const after = editJsxText(header, 'src/components/Header.tsx', 'data-ux', 'header-text', text);
    expect(readJsxText(after, 'src/components/Header.tsx', 'data-ux', 'header-text')).toBe(text);
  });

  it('says which file and marker it looked for when the marker is missing or repeated', () => {
    expect(() => editJsxText(header, 'src/components/Header.tsx', 'data-ux', 'hero', 'x')).toThrow(
      new EditError('No element with data-ux="hero" was found in src/components/Header.tsx. Add the marker to the element, or fix the site map.'),
    );
    const twice = 'export const A = () => (<div><p data-ux="t">a</p><p data-ux="t">b</p></div>);';
    expect(() => editJsxText(twice, 'A.tsx', 'data-ux', 't', 'x')).toThrow(/2 elements carry data-ux="t" in A.tsx/);
    const nested = 'export const A = () => <p data-ux="t">Hi <b>there</b></p>;';
    expect(() => editJsxText(nested, 'A.tsx', 'data-ux', 't', 'x')).toThrow(/contains more than plain text/);
    expect(() => editJsxText('export const = ;', 'A.tsx', 'data-ux', 't', 'x')).toThrow(/A.tsx could not be parsed/);
  });
});

describe('CSS custom property edit', () => {
  const css = sample('src/components/Header.css');

  it('changes only the value of the declaration', () => {
    const after = editCssVariable(css, 'src/components/Header.css', '--header-color', '#112233');
    expectOnlyChanged(css, after, '--header-color: #1f2937;', '--header-color: #112233;');
    expect(readCssVariable(after, 'src/components/Header.css', '--header-color')).toBe('#112233');
  });

  it('ignores look-alikes in comments, strings and other properties', () => {
    const tricky = [
      '/* --brand: red; */',
      '.a { content: "--brand: blue;"; --brand-dark: #000; }',
      '.b {',
      '  --brand:#abcdef',
      '}',
    ].join('\n');
    expect(scanCustomProperties(tricky).map((d) => [d.property, d.value])).toEqual([
      ['--brand-dark', '#000'],
      ['--brand', '#abcdef'],
    ]);
    const after = editCssVariable(tricky, 'x.css', '--brand', '#111111');
    expect(after).toBe(tricky.replace('--brand:#abcdef', '--brand:#111111'));
  });

  it('says which file and property it looked for', () => {
    expect(() => editCssVariable(css, 'src/components/Header.css', '--footer-color', '#000000')).toThrow(
      /No declaration of the CSS custom property --footer-color was found in src\/components\/Header.css/,
    );
    expect(() => editCssVariable(':root{--c:#000}\n.dark{--c:#fff}', 't.css', '--c', '#111111')).toThrow(/--c is declared 2 times in t.css/);
  });
});

describe('links array edit', () => {
  const header = sample('src/components/Header.tsx');
  const navbar = sample('src/components/NavBar.tsx');

  it('appends an entry in the style of the list (indentation, quotes, trailing comma)', () => {
    const after = addLinks(header, 'src/components/Header.tsx', 'headerLinks', [{ label: 'Pricing', href: '/pricing' }]);
    expectOnlyChanged(header, after, "  { label: 'Blog', href: '/blog' },\n", "  { label: 'Blog', href: '/blog' },\n  { label: 'Pricing', href: '/pricing' },\n");
    expect(readLinks(after, 'src/components/Header.tsx', 'headerLinks')).toEqual([
      { label: 'About', href: '/about' },
      { label: 'Blog', href: '/blog' },
      { label: 'Pricing', href: '/pricing' },
    ]);
    const nav = addLinks(navbar, 'src/components/NavBar.tsx', 'navLinks', [{ label: "O'Reilly \\ Co", href: '/oreilly' }]);
    expect(readLinks(nav, 'src/components/NavBar.tsx', 'navLinks').pop()).toEqual({ label: "O'Reilly \\ Co", href: '/oreilly' });
  });

  it('handles one-line, double-quoted, no-trailing-comma and empty arrays', () => {
    const oneLine = 'const links = [{ label: "A", href: "/a" }];\n';
    expect(addLinks(oneLine, 'l.ts', 'links', [{ label: 'B', href: '/b' }])).toBe('const links = [{ label: "A", href: "/a" }, { label: "B", href: "/b" }];\n');
    const noComma = "const links = [\n    { label: 'A', href: '/a' }\n] as const;\n";
    expect(addLinks(noComma, 'l.ts', 'links', [{ label: 'B', href: '/b' }])).toBe("const links = [\n    { label: 'A', href: '/a' },\n    { label: 'B', href: '/b' }\n] as const;\n");
    expect(addLinks('const links = [];\n', 'l.ts', 'links', [{ label: 'B', href: '/b' }])).toBe("const links = [{ label: 'B', href: '/b' }];\n");
  });

  it('refuses a duplicate link and a list it cannot read', () => {
    expect(() => addLinks(header, 'src/components/Header.tsx', 'headerLinks', [{ label: 'Blog', href: '/news' }])).toThrow(/already has the link Blog → \/blog/);
    expect(() => addLinks(header, 'src/components/Header.tsx', 'navLinks', [{ label: 'X', href: '/x' }])).toThrow(/No array named navLinks was found in src\/components\/Header.tsx/);
    expect(() => addLinks('const links = [{ label: x, href: "/a" }];', 'l.ts', 'links', [{ label: 'B', href: '/b' }])).toThrow(/must be an object with string label and href/);
  });
});
