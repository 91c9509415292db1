import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runUxMap } from '../../lambda/local/ux-map';

const ROOT = resolve(__dirname, '..', '..');

function run(argv: string[], cwd = ROOT): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runUxMap(argv, { cwd, write: (line) => lines.push(line) });
  return { code, lines };
}

describe('npm run ux-map', () => {
  it('prints the framework, the home page and each section with the file and line of its places', () => {
    const { code, lines } = run(['examples/sites/next-tailwind4-blog']);
    expect(code).toBe(0);
    expect(lines[0]).toBe('examples/sites/next-tailwind4-blog: Next.js (app router) · home page app/page.tsx');
    // The header title lives in a config module, and the links in an array of { href, title }.
    expect(lines).toContain('  text (text): "FieldNotes" data/siteMetadata.js:5');
    expect(lines).toContain('  links (links): "Home, Blog, Tags, About" data/headerNavLinks.ts:1');
    expect(lines).toContain('  hero-text (text): "Latest" app/Main.tsx:12');
    expect(lines.filter((l) => !l.startsWith(' ')).map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['header', 'navbar', 'footer', 'home']));
  });

  it('lays a .valine/ux-map.json of the folder over discovery, and skips node_modules', async () => {
    const site = await mkdtemp(join(tmpdir(), 'valine-ux-map-'));
    try {
      await mkdir(join(site, '.valine'));
      await mkdir(join(site, 'node_modules', 'x'), { recursive: true });
      await writeFile(join(site, 'node_modules', 'x', 'index.html'), '<header><h1>Not the site</h1></header>');
      await writeFile(join(site, 'index.html'), '<!doctype html><html><body><header><a href="/">Bakery</a></header><h1>Fresh bread</h1></body></html>');
      await writeFile(join(site, 'style.css'), ':root { --promo: #fde68a; }');
      await writeFile(
        join(site, '.valine', 'ux-map.json'),
        JSON.stringify({ version: 1, sections: { promo: { properties: { color: { edit: 'css-variable', file: 'style.css', variable: '--promo' } } } } }),
      );
      const { code, lines } = run([site]);
      expect(code).toBe(0);
      expect(lines[0]).toMatch(/plain HTML · home page index\.html · \.valine\/ux-map\.json laid over discovery$/);
      expect(lines[1]).toMatch(/node_modules\/: node_modules folder/);
      expect(lines).toContain('promo');
      expect(lines).toContain('  color (color, from the site map): style.css --promo');
      expect(lines).toContain('  hero-text (text): "Fresh bread" index.html:1');
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it('says in one sentence that a folder does not exist, with exit code 2', () => {
    const { code, lines } = run(['examples/sites/no-such-site']);
    expect(code).toBe(2);
    expect(lines).toEqual(['There is no folder examples/sites/no-such-site; give the folder of a website, e.g. npm run ux-map -- examples/sites/plain-html.']);
  });
});
