import { applySplices, type Splice } from '../../../../../lambda/core/agents/ux/edits/splice';
import { EditError } from '../../../../../lambda/core/agents/ux/edits/edit-error';
import { brokenBy } from '../../../../../lambda/core/agents/ux/edits/verify';

/** Every edited file is parsed again before a preview: an edit that breaks it is refused with a sentence. */
const splice = (file: string, text: string, find: string, replacement: string): string => {
  const start = text.indexOf(find);
  if (start < 0) throw new Error(`${find} is not in ${file}`);
  const splices: Splice[] = [{ file, start, end: start + find.length, text: replacement }];
  return applySplices(text, splices);
};

describe('an edit that would break parsing is refused', () => {
  const jsx = 'export function Footer() {\n  return <footer className="p-4">Made in Lisbon</footer>;\n}\n';
  const ts = "const links = [{ href: '/blog', title: 'Blog' }];\nexport default links;\n";
  const css = '.site-header {\n  background-color: #ffffff;\n}\n';
  const html = '<!DOCTYPE html>\n<html><head><title>x</title></head><body><footer><p>&copy; 2024 Studio</p></footer></body></html>\n';

  it('accepts edits that keep each file parseable', () => {
    expect(brokenBy('src/Footer.jsx', jsx, splice('src/Footer.jsx', jsx, 'Made in Lisbon', 'Made in Porto &amp; Lisbon'))).toBeUndefined();
    expect(brokenBy('data/links.ts', ts, splice('data/links.ts', ts, "'Blog'", "'Articles'"))).toBeUndefined();
    expect(brokenBy('styles.css', css, splice('styles.css', css, '#ffffff', '#1e3a8a'))).toBeUndefined();
    expect(brokenBy('index.html', html, splice('index.html', html, '2024 Studio', '2025 Studio'))).toBeUndefined();
  });

  it('refuses JSX text with a raw brace or tag, naming the file', () => {
    expect(brokenBy('src/Footer.jsx', jsx, splice('src/Footer.jsx', jsx, 'Made in Lisbon', 'Made in {Lisbon'))).toMatch(/^The edit would make src\/Footer\.jsx unparseable \(.+\), so nothing was changed\.$/);
    expect(brokenBy('src/Footer.jsx', jsx, splice('src/Footer.jsx', jsx, 'Made in Lisbon', 'Made </p> in'))).toMatch(/^The edit would make src\/Footer\.jsx unparseable/);
  });

  it('refuses a TypeScript string whose quote ends early, and parses .ts files as TypeScript', () => {
    expect(brokenBy('data/links.ts', ts, splice('data/links.ts', ts, "'Blog'", "'Rosa's Blog'"))).toMatch(/^The edit would make data\/links\.ts unparseable/);
    // `<T>x` is a type assertion in .ts and a syntax error only where JSX is on.
    const cast = 'const n = <number>(1 as unknown);\nexport default n;\n';
    expect(brokenBy('src/n.ts', cast, cast)).toBeUndefined();
  });

  it('refuses CSS with an unclosed block', () => {
    expect(brokenBy('styles.css', css, splice('styles.css', css, '#ffffff;\n}', '#1e3a8a;\n'))).toMatch(/^The edit would make styles\.css invalid CSS \(.+\), so nothing was changed\.$/);
  });

  it('refuses HTML that gains parse errors, but not HTML that already had them', () => {
    expect(brokenBy('index.html', html, splice('index.html', html, '2024 Studio', '2024 Fish < Chips'))).toBe('The edit would add HTML errors to index.html, so nothing was changed.');
    const sloppy = '<html><body><p>Open <b>bold</p></body></html>';
    expect(brokenBy('page.html', sloppy, splice('page.html', sloppy, 'Open', 'Opened'))).toBeUndefined();
  });

  it('does not judge files it has no parser for', () => {
    expect(brokenBy('README.md', '# Hi\n', '# Hi {\n')).toBeUndefined();
  });
});

describe('splices', () => {
  it('apply from the end, so offsets of the original text stay valid', () => {
    const text = 'bg-white text-gray-900';
    expect(applySplices(text, [
      { file: 'a', start: 0, end: 8, text: 'bg-blue-800/80' },
      { file: 'a', start: 9, end: 22, text: 'text-white' },
    ])).toBe('bg-blue-800/80 text-white');
  });

  it('refuse two changes to the same characters with a sentence', () => {
    const overlapping = () => applySplices('bg-white', [
      { file: 'src/Nav.jsx', start: 0, end: 8, text: 'bg-black' },
      { file: 'src/Nav.jsx', start: 3, end: 8, text: 'gray-50' },
    ]);
    expect(overlapping).toThrow(EditError);
    expect(overlapping).toThrow('Two of the requested changes touch the same place in src/Nav.jsx; ask for them one at a time.');
  });
});
