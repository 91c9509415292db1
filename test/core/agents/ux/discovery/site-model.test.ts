import { buildSiteModel, type SiteModel } from '../../../../../lambda/core/agents/ux/discovery/site-model';
import { fixtureDir, readSiteFiles, SAMPLE_SITE } from '../../../../support/fixture-sites';

/** Landmarks discovery finds in each fixture site of examples/sites, read from disk. */
const models = new Map<string, SiteModel>();
const model = (site: string): SiteModel => {
  if (!models.has(site)) models.set(site, buildSiteModel(readSiteFiles(fixtureDir(site))));
  return models.get(site) as SiteModel;
};
const at = (m: SiteModel, section: string) => {
  const location = m.sections[section]?.location;
  return location ? `<${location.tag}> ${location.file}:${location.line}` : undefined;
};
/** Where each place of a property is, as `file:line`. */
const places = (m: SiteModel, section: string, property: string) => (m.sections[section]?.properties[property]?.targets ?? []).map((t) => `${t.file}:${t.line}`);
const currents = (m: SiteModel, section: string, property: string) => (m.sections[section]?.properties[property]?.targets ?? []).map((t) => t.current);

describe('discovery finds the landmarks of each fixture site', () => {
  it.each([
    ['vite-react-tailwind3', { header: '<header> src/layouts/MarketingLayout.jsx:12', navbar: '<nav> src/layouts/MarketingLayout.jsx:18', footer: '<footer> src/components/MarketingFooter.jsx:7', home: '<section> src/components/landing/HeroSection.jsx:6' }],
    ['next-tailwind4-blog', { header: '<header> components/Header.tsx:13', navbar: '<header> components/Header.tsx:13', footer: '<footer> components/Footer.tsx:6', home: '<h1> app/Main.tsx:12' }],
    ['next-shadcn-config', { header: '<header> app/(marketing)/layout.tsx:18', navbar: '<nav> components/main-nav.tsx:26', footer: '<footer> components/site-footer.tsx:8', home: '<h1> app/(marketing)/page.tsx:12' }],
    ['plain-html', { header: '<header> index.html:10', navbar: '<nav> index.html:13', footer: '<footer> index.html:54', home: '<h1> index.html:26' }],
    ['plain-css-site', { header: '<header> index.html:10', navbar: '<nav> index.html:12', footer: '<footer> index.html:33', home: '<section> index.html:21' }],
    ['links-with-ids', { header: '<nav> src/components/Navbar.jsx:10', navbar: '<nav> src/components/Navbar.jsx:10', footer: '<footer> src/components/Footer.jsx:5', home: '<section> src/components/Hero.jsx:5' }],
  ])('%s', (site, expected) => {
    const m = model(site);
    expect({ header: at(m, 'header'), navbar: at(m, 'navbar'), footer: at(m, 'footer'), home: at(m, 'home') }).toEqual(expected);
  });

  it('finds the home page of each framework and the files it renders', () => {
    expect(model('vite-react-tailwind3')).toMatchObject({ framework: 'React (react-router)', homeFile: 'src/pages/Landing.jsx' });
    expect(model('next-shadcn-config')).toMatchObject({ framework: 'Next.js (app router)', homeFile: 'app/(marketing)/page.tsx' });
    expect(model('next-tailwind4-blog').renderedFiles).toEqual(expect.arrayContaining(['app/layout.tsx', 'components/Header.tsx', 'components/Footer.tsx', 'app/Main.tsx']));
    expect(model('plain-css-site')).toMatchObject({ framework: 'plain HTML', homeFile: 'index.html', stylesheets: ['styles.css'] });
  });

  it('puts the hero headline, paragraph and button where the page writes them', () => {
    const vite = model('vite-react-tailwind3');
    expect(places(vite, 'home', 'hero-text')).toEqual(['src/components/landing/HeroSection.jsx:8']);
    expect(places(vite, 'home', 'description')).toEqual(['src/components/landing/HeroSection.jsx:16']);
    expect(currents(vite, 'home', 'cta-text')).toEqual(['Start your free trial <ArrowRight />']);
    expect(currents(model('plain-css-site'), 'home', 'cta-text')).toEqual(['Order for pickup']);
    expect(currents(model('links-with-ids'), 'home', 'hero-text')).toEqual(['The Next Generation Payment Method.']);
  });

  it('never targets the dead src/components/Header.jsx that only a test imports', () => {
    const vite = model('vite-react-tailwind3');
    expect(vite.renderedFiles).not.toContain('src/components/Header.jsx');
    expect(vite.renderedFiles).not.toContain('src/components/__tests__/Header.test.jsx');
    const targets = Object.values(vite.sections).flatMap((s) => Object.values(s.properties).flatMap((p) => p.targets));
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => t.file === 'src/components/Header.jsx')).toEqual([]);
    expect(vite.blocks.filter((b) => b.block.node.file === 'src/components/Header.jsx')).toEqual([]);
  });

  it('follows {siteMetadata.headerTitle} to data/siteMetadata.js, and {siteConfig.name} to config/site.ts', () => {
    const blog = model('next-tailwind4-blog');
    expect(places(blog, 'header', 'text')).toEqual(['data/siteMetadata.js:5']);
    expect(currents(blog, 'navbar', 'brand')).toEqual(['FieldNotes']);
    const edit = blog.sections.header.properties.text.targets[0].edit;
    expect(edit.kind === 'text' && edit.block.edit).toMatchObject({ kind: 'string', viaConfig: true, slot: { file: 'data/siteMetadata.js', raw: 'FieldNotes', syntax: 'js-single' } });
    expect(places(model('next-shadcn-config'), 'navbar', 'brand')).toEqual(['config/site.ts:4']);
  });

  it('finds the background of the header on the element that carries it, even when its classes live in a variable', () => {
    expect(currents(model('next-tailwind4-blog'), 'header', 'color')[0]).toContain('bg-white dark:bg-gray-950');
    expect(currents(model('vite-react-tailwind3'), 'navbar', 'color')[0]).toContain('bg-white/80 dark:bg-gray-950');
    expect(places(model('next-shadcn-config'), 'navbar', 'color')).toEqual(['app/(marketing)/layout.tsx:18']);
  });

  it('reads the copyright line as the footer text, keeping © and the year expression in it', () => {
    expect(currents(model('vite-react-tailwind3'), 'footer', 'text')).toEqual(['© {currentYear} Acme Co. All rights reserved.']);
    expect(places(model('plain-html'), 'footer', 'text')).toEqual(['index.html:55']);
    expect(currents(model('links-with-ids'), 'footer', 'text')).toEqual(['Copyright Ⓒ 2024 PayNest. All Rights Reserved.']);
  });

  it('reads the theme: Tailwind 3 config colours, Tailwind 4 @theme tokens, none for plain CSS', () => {
    expect(model('vite-react-tailwind3').theme).toMatchObject({ tailwind: true, tailwindVersion: 3 });
    expect(model('vite-react-tailwind3').theme.colors).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'brand', value: '#0cce6b' })]));
    expect(model('next-tailwind4-blog').theme).toMatchObject({ tailwind: true, tailwindVersion: 4 });
    expect(model('next-tailwind4-blog').theme.colors.map((c) => c.name)).toContain('primary-500');
    expect(model('plain-css-site').theme.tailwind).toBe(false);
  });

  // Bug: when the page has a <header> and a separate <nav> outside it, the navbar section is the
  // header (discovery only looks for a <nav> inside the header), so a navbar edit lands on the header.
  it('takes a <nav> rendered beside the <header> as the navbar (the sample site without its map)', () => {
    const files = readSiteFiles(SAMPLE_SITE);
    files.delete('.valine/ux-map.json');
    const sample = buildSiteModel(files);
    expect(at(sample, 'header')).toBe('<header> src/components/Header.tsx:16');
    expect(at(sample, 'navbar')).toBe('<nav> src/components/NavBar.tsx:11');
  });
});
