import { buildSiteModel, type LinkGroup, type SiteModel } from '../../../../../lambda/core/agents/ux/discovery/site-model';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';

/** The link lists discovery finds, in each shape real sites write them. */
const models = new Map<string, SiteModel>();
const model = (site: string): SiteModel => {
  if (!models.has(site)) models.set(site, buildSiteModel(readSiteFiles(fixtureDir(site))));
  return models.get(site) as SiteModel;
};
const groups = (site: string, section: string): LinkGroup[] =>
  (model(site).sections[section]?.properties.links?.targets ?? []).map((t) => {
    if (t.edit.kind !== 'links') throw new Error(`${section} links target is a ${t.edit.kind} edit`);
    return t.edit.group;
  });
const summary = (group: LinkGroup) =>
  group.kind === 'array'
    ? { kind: group.kind, name: group.name, at: `${group.file}:${group.line}`, links: group.array.entries.map((e) => `${e.labelValue} → ${e.targetValue}`) }
    : { kind: group.kind, name: group.name, at: `${group.file}:${group.line}`, links: (group.kind === 'markup' ? group.items : group.buttons).map((i) => `${i.label.text} → ${i.targetValue}`) };

describe('discovery finds link lists', () => {
  it('an array of { href, title } rendered with .filter(…).map(…)', () => {
    const [list] = groups('next-tailwind4-blog', 'navbar');
    expect(summary(list)).toEqual({ kind: 'array', name: 'headerNavLinks', at: 'data/headerNavLinks.ts:1', links: ['Home → /', 'Blog → /blog', 'Tags → /tags', 'About → /about'] });
    expect(list.kind === 'array' && list.array).toMatchObject({ labelKey: 'title', targetKey: 'href', targetIsAnchorId: false });
  });

  it('config/marketing.ts mainNav passed to a component as a prop', () => {
    const lists = groups('next-shadcn-config', 'navbar');
    expect(lists.map(summary)).toEqual([
      { kind: 'array', name: 'items', at: 'config/marketing.ts:4', links: ['Features → /#features', 'Pricing → /pricing', 'Documentation → /docs', 'Blog → /blog'] },
    ]);
    // The same array, whether reached through the prop inside the nav or on the component in the header.
    const place = (l: ReturnType<typeof summary>) => ({ ...l, name: undefined });
    expect(groups('next-shadcn-config', 'header').map(summary).map(place)).toEqual(lists.map(summary).map(place));
  });

  it('an array of { id, title } rendered as #id, marked as anchors', () => {
    const [list] = groups('links-with-ids', 'navbar');
    expect(summary(list)).toMatchObject({ kind: 'array', name: 'navLinks', at: 'src/constants/index.js:1', links: ['Home → home', 'Features → features', 'Product → product', 'Clients → clients'] });
    expect(list.kind === 'array' && list.array).toMatchObject({ labelKey: 'title', targetKey: 'id', targetIsAnchorId: true });
    expect(groups('links-with-ids', 'footer').map(summary)).toEqual([
      expect.objectContaining({ name: 'footerLinks', at: 'src/constants/index.js:20', links: ['Help Center → https://www.paynest.example/help', 'Partners → https://www.paynest.example/partners', 'Privacy Policy → https://www.paynest.example/privacy'] }),
    ]);
  });

  it('hand-written <a> siblings, without the brand link or the sign-in buttons', () => {
    expect(groups('vite-react-tailwind3', 'navbar').map(summary)).toEqual([
      { kind: 'markup', name: 'the <a> links', at: 'src/layouts/MarketingLayout.jsx:19', links: ['About → /#about', 'Features → /#features', 'FAQ → /#faq'] },
    ]);
  });

  it('a plain HTML <nav><ul><li><a>, and bare <a> inside a <nav>', () => {
    expect(groups('plain-html', 'navbar').map(summary)).toEqual([
      { kind: 'markup', name: 'the <li> links', at: 'index.html:15', links: ['Services → #services', 'Work → #work', 'About → #about', 'Contact → #contact'] },
    ]);
    expect(groups('plain-css-site', 'navbar').map(summary)).toEqual([
      { kind: 'markup', name: 'the <a> links', at: 'index.html:13', links: ['Home → index.html', 'Menu → menu.html', 'Visit us → #visit', 'Order ahead → #order'] },
    ]);
  });

  // Bug: the footer <nav> holds <a>Features</a> then two <Link>s; only the <Link>s are a list,
  // so "remove the Features link from the footer" answers that the footer has no such link.
  it('a footer <nav> mixing <a> and <Link> siblings is one list of three links', () => {
    expect(groups('vite-react-tailwind3', 'footer').map(summary)).toEqual([
      expect.objectContaining({ at: 'src/components/MarketingFooter.jsx:10', links: ['Features → #features', 'Pricing → /pricing', 'Privacy Policy → /legal/privacy'] }),
    ]);
  });
});
