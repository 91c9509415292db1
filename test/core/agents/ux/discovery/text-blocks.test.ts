import { buildSiteModel, type SiteModel } from '../../../../../lambda/core/agents/ux/discovery/site-model';
import type { TextBlock } from '../../../../../lambda/core/agents/ux/discovery/text-blocks';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';

/** Texts as a visitor reads them, and what of the markup around the words an edit keeps. */
const models = new Map<string, SiteModel>();
const model = (site: string): SiteModel => {
  if (!models.has(site)) models.set(site, buildSiteModel(readSiteFiles(fixtureDir(site))));
  return models.get(site) as SiteModel;
};
const block = (site: string, section: string, property: string, index = 0): TextBlock => {
  const target = model(site).sections[section]?.properties[property]?.targets[index];
  if (target?.edit.kind !== 'text') throw new Error(`no text target for ${site} ${section}.${property}`);
  return target.edit.block;
};

describe('discovery reads text blocks', () => {
  it('reads the hero headline split by <br /> as one headline, editable from its first word to its last', () => {
    const hero = block('vite-react-tailwind3', 'home', 'hero-text');
    expect(hero.text).toBe('Launch pages your team will actually enjoy.');
    expect(hero.inside).toEqual([]);
    expect(hero.edit).toMatchObject({ kind: 'markup', file: 'src/components/landing/HeroSection.jsx', replaced: 'Launch pages your team will actually enjoy.' });
    const source = model('vite-react-tailwind3').project.text('src/components/landing/HeroSection.jsx') ?? '';
    const edit = hero.edit?.kind === 'markup' ? hero.edit : undefined;
    expect(source.slice(edit?.start, edit?.end)).toBe('Launch pages your team\n          <br />will actually enjoy.');
  });

  it('keeps &copy; {currentYear} before the copyright words', () => {
    const copyright = block('vite-react-tailwind3', 'footer', 'text');
    expect(copyright.edit).toMatchObject({ kind: 'markup', keptBefore: '© {currentYear}', replaced: 'Acme Co. All rights reserved.' });
  });

  it('keeps an icon beside a button label out of the words', () => {
    const cta = block('vite-react-tailwind3', 'home', 'cta-text');
    expect(cta.edit).toMatchObject({ kind: 'markup', replaced: 'Start your free trial', keptAfter: '<ArrowRight />' });
  });

  it('decodes entities in what the visitor reads', () => {
    expect(block('next-shadcn-config', 'home', 'description').text).toBe("I'm building Acme Docs in the open. Write in the browser, review in a pull request, publish when it's ready.");
    expect(block('plain-css-site', 'footer', 'text').text).toBe('© 2024 Lakeside Bakery · Made with flour & patience.');
  });

  it('names the links a footer paragraph would lose if its whole text were replaced', () => {
    const footer = block('next-shadcn-config', 'footer', 'text');
    expect(footer.inside).toEqual(['<a>the Acme team</a>', '<a>GitHub</a>']);
  });

  it('lists the home page texts in document order for "change "X" to "Y"" requests', () => {
    const texts = model('next-shadcn-config').blocks.map((b) => `${b.where}: ${b.block.text}`);
    expect(texts).toEqual(expect.arrayContaining(['main: Get Started', 'main: Documentation your whole team can actually edit.']));
    expect(texts.indexOf('main: Documentation your whole team can actually edit.')).toBeLessThan(texts.indexOf('main: Get Started'));
    // The pricing page repeats "Get Started" but is not the home page.
    expect(texts.filter((t) => t === 'main: Get Started')).toHaveLength(1);
  });
});
