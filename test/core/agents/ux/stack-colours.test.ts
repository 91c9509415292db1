import { converter, differenceCiede2000, formatHex } from 'culori';
import defaultColors from 'tailwindcss/colors';
import { seedSiteFromFiles, shown, viteReactSite } from '../../../support/ux-fixture-repo';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';

/**
 * Colours on every stack: the words a person uses for a colour, brand colour scales that keep
 * their light and dark ends, daisyUI's colour classes, colours set in a component's own
 * `<style>`, Sass in the indented syntax with Bulma, and Docusaurus's navbar and footer styles.
 * Each drives the real agent on a small site written here, through a local git repository.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;
const diffOf = (outcome: ProposalOutcome) => (outcome.kind === 'proposal' ? (outcome.proposal as { diff: string }).diff : '');
const added = (outcome: ProposalOutcome) => diffOf(outcome).split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
const oklch = converter('oklch');
const lightness = (hex: string) => oklch(hex)?.l ?? 0;
const distance = differenceCiede2000();

describe('"dark gray" written as two words', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': '<html><head><title>Acme</title><link rel="stylesheet" href="style.css"></head><body><h1>Hello</h1><footer class="site-footer"><p>© Acme</p></footer></body></html>\n',
      'style.css': '.site-footer {\n  background-color: #ffffff;\n}\n',
    });
  });
  afterAll(() => site.cleanup());

  it('is a dark grey, darker than gray (CSS darkgray is lighter than gray)', async () => {
    for (const description of ['make the footer background dark gray', 'make the footer background dark grey']) {
      const outcome = await site.repo.propose({ description });
      const written = /^\+ {2}background-color: (#[0-9a-f]{6});$/.exec(added(outcome)[0] ?? '')?.[1] ?? '';
      expect(written).toBe('#505050');
      expect(lightness(written)).toBeLessThan(lightness('#808080'));
      expect(shown(outcome)).toMatch(/`#505050` \(dark gr[ae]y\)/);
    }
  });

  it('keeps `darkgray` written as one word as the CSS colour of that name', async () => {
    const outcome = await site.repo.propose({ command: 'section:footer color:darkgray' });
    expect(added(outcome)).toEqual(['+  background-color: #a9a9a9;']);
  });
});

/** The values of a Tailwind colour scale written in a config, by shade. */
function configScale(config: string, name: string): Record<string, string> {
  const block = new RegExp(`${name}: \\{([^}]*)\\}`).exec(config)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/(\d+): '(#[0-9a-f]{6})'/g)].map((m) => [m[1], m[2]]));
}

describe("a brand colour scale (Tailwind's green as the site's brand, 50–950)", () => {
  const green = (defaultColors as unknown as Record<string, Record<string, string>>).green;
  const blue = (defaultColors as unknown as Record<string, Record<string, string>>).blue;
  let site: Site;
  beforeAll(async () => {
    const scale = Object.entries(green).map(([shade, hex]) => `          ${shade}: '${hex}',`).join('\n');
    site = await seedSiteFromFiles(
      viteReactSite(
        { tailwindcss: '3' },
        {
          'tailwind.config.js': `export default {\n  content: ['./src/**/*.jsx'],\n  theme: {\n    extend: {\n      colors: {\n        brand: {\n${scale}\n        },\n      },\n    },\n  },\n};\n`,
          'src/App.jsx': 'export default function App() {\n  return (\n    <main className="bg-brand-50">\n      <h1 className="text-brand-900">Acme</h1>\n      <a className="bg-brand-500 px-4 py-2" href="/signup">Sign up</a>\n    </main>\n  );\n}\n',
        },
      ),
    );
  });
  afterAll(() => site.cleanup());

  it("becomes Tailwind's own blue scale when the brand becomes blue-500: light shades stay light, dark ones dark, tints stay tinted", async () => {
    const config = await site.repo.commitOf({ description: 'change our brand colour to #3b82f6' }, 'tailwind.config.js');
    const scale = configScale(config, 'brand');
    expect(Object.keys(scale)).toHaveLength(11);
    expect(scale['500']).toBe('#3b82f6');
    // The page-background tint is as light as it was (green-50 is oklch 0.98), not a greyish 0.9.
    expect(lightness(scale['50'])).toBeGreaterThan(lightness(green['50']) - 0.01);
    const shades = Object.keys(green);
    for (let i = 1; i < shades.length; i++) expect(lightness(scale[shades[i]])).toBeLessThan(lightness(scale[shades[i - 1]]));
    // Each shade is close to what Tailwind itself chose for blue (CIEDE2000 below 8, a near match for a derived palette).
    for (const shade of shades) expect(distance(scale[shade], blue[shade])).toBeLessThan(8);
  });
});

/** What Docusaurus's colour generator writes for a base colour: Infima's shades as HSL lightness × 0.7 … × 1.3. */
function docusaurusShades(hex: string): Record<string, string> {
  const hsl = converter('hsl')(hex)!;
  const at = (factor: number) => formatHex({ ...hsl, l: Math.min(1, hsl.l * factor) });
  return { darkest: at(0.7), darker: at(0.85), dark: at(0.9), light: at(1.1), lighter: at(1.15), lightest: at(1.3) };
}

describe("Infima's default shades (the Docusaurus classic template's custom.css)", () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': '{"dependencies":{"@docusaurus/core":"3.10.2","@docusaurus/preset-classic":"3.10.2"}}\n',
      'docusaurus.config.js': "export default {\n  title: 'My Site',\n  presets: [['classic', { theme: { customCss: './src/css/custom.css' } }]],\n  themeConfig: { navbar: { title: 'My Site', items: [{ to: '/blog', label: 'Blog' }, { to: '/docs', label: 'Docs' }] } },\n};\n",
      'src/pages/index.js': 'export default function Home() {\n  return <main><h1>My Site</h1></main>;\n}\n',
      'src/css/custom.css': [
        ':root {',
        '  --ifm-color-primary: #2e8555;',
        '  --ifm-color-primary-dark: #29784c;',
        '  --ifm-color-primary-darker: #277148;',
        '  --ifm-color-primary-darkest: #205d3b;',
        '  --ifm-color-primary-light: #33925d;',
        '  --ifm-color-primary-lighter: #359962;',
        '  --ifm-color-primary-lightest: #3cad6e;',
        '}',
        '',
        "[data-theme='dark'] {",
        '  --ifm-color-primary: #25c2a0;',
        '  --ifm-color-primary-dark: #21af90;',
        '  --ifm-color-primary-darker: #1fa588;',
        '  --ifm-color-primary-darkest: #1a8870;',
        '  --ifm-color-primary-light: #29d5b0;',
        '  --ifm-color-primary-lighter: #32d8b4;',
        '  --ifm-color-primary-lightest: #4fddbf;',
        '}',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('keep their relative steps: each shade is where the Docusaurus colour generator would put it for the new colour', async () => {
    const css = await site.repo.commitOf({ description: 'change the brand colour to #1e3a8a' }, 'src/css/custom.css');
    const light = Object.fromEntries([...(css.split("[data-theme='dark']")[0] ?? '').matchAll(/--ifm-color-primary-?(\w*): (#[0-9a-f]{6});/g)].map((m) => [m[1] || 'base', m[2]]));
    expect(light.base).toBe('#1e3a8a');
    const expected = docusaurusShades('#1e3a8a');
    for (const [shade, hex] of Object.entries(expected)) expect(distance(light[shade], hex)).toBeLessThan(3);
    const order = ['darkest', 'darker', 'dark', 'base', 'light', 'lighter', 'lightest'];
    for (let i = 1; i < order.length; i++) expect(lightness(light[order[i]])).toBeGreaterThan(lightness(light[order[i - 1]]));
    // The dark theme's primary stays lighter than the light theme's, as it was.
    const dark = /\[data-theme='dark'\] \{\n {2}--ifm-color-primary: (#[0-9a-f]{6});/.exec(css)?.[1] ?? '';
    expect(lightness(dark)).toBeGreaterThan(lightness('#1e3a8a') + 0.05);
    const before = site.repo.original('src/css/custom.css').split('\n');
    expect(css.split('\n').filter((line, i) => line !== before[i])).toHaveLength(14);
  });
});
