import { parse as parseYaml } from 'yaml';
import { fixtureDir, readSiteFiles } from '../../../../support/fixture-sites';
import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on a Jekyll site whose layouts come from a theme gem that is not in the repository
 * (examples/sites/jekyll-minima, as `jekyll new` writes it: `theme: minima`, `index.markdown` with
 * `layout: home`, `header_pages`). What minima draws from `_config.yml` and the pages' front matter
 * is changed there; what the theme owns is answered with a sentence naming the theme.
 */
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('jekyll-minima'));
});
afterAll(() => repo.remove());

async function committed(options: Record<string, string>, path: string): Promise<ReturnType<typeof changedLines> & { after: string }> {
  const after = await repo.commitOf(options, path);
  return { ...changedLines(repo.original(path), after), after };
}
const config = (text: string) => parseYaml(text) as Record<string, unknown>;

describe('/ux-map on a Jekyll site drawn by the minima gem', () => {
  it('shows the header, footer and home page minima draws, each pointing at its setting', async () => {
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toMatch(/^Jekyll · `main` at `[0-9a-f]{7}` · home page `index\.markdown`/);
    for (const line of ['  text (text): "Lanternfish Press" _config.yml:2', '  links (links): "About, Catalogue" _config.yml:18', '  description (text): "We print three small books a year, each…" index.markdown:8']) expect(text).toContain(line);
  });
});

describe('what minima draws from the settings and the pages', () => {
  it('adds a header link by listing the page file under header_pages, as its siblings are written', async () => {
    const { removed, added, after } = await committed({ description: 'add a link "Contact" to /contact/ in the navbar' }, '_config.yml');
    expect({ removed, added }).toEqual({ removed: [], added: ['  - contact.md'] });
    expect(config(after).header_pages).toEqual(['about.markdown', 'catalogue.md', 'contact.md']);
  });

  it('removes a header link from header_pages', async () => {
    const { removed, added } = await committed({ description: 'remove the "Catalogue" link from the navbar' }, '_config.yml');
    expect({ removed, added }).toEqual({ removed: ['  - catalogue.md'], added: [] });
  });

  it("renames a header link by the page's own title, which minima shows", async () => {
    const { removed, added } = await committed({ description: 'rename the "About" link to "Our story"' }, 'about.markdown');
    expect({ removed, added }).toEqual({ removed: ['title: About'], added: ['title: Our story'] });
  });

  it('changes the e-mail minima shows in its footer in _config.yml (the contact page shows no address)', async () => {
    const { removed, added } = await committed({ description: 'change the footer email to "books@lanternfish.example"' }, '_config.yml');
    expect({ removed, added }).toEqual({ removed: ['email: hello@lanternfish.example'], added: ['email: books@lanternfish.example'] });
  });

  it("changes the home page's text, the Markdown under minima's home layout", async () => {
    const { removed, added } = await committed({ description: 'change the home page description to "Three books a year, by hand."' }, 'index.markdown');
    expect({ removed, added }).toEqual({ removed: ['We print three small books a year, each about one creature of the deep sea.'], added: ['Three books a year, by hand.'] });
  });

  it("changes a page's own meta description in its front matter", async () => {
    const { removed, added } = await committed({ description: 'change the about page meta description to "Two printers by the sea."' }, 'about.markdown');
    expect({ removed, added }).toEqual({ removed: ['description: Who prints the books and where.'], added: ['description: Two printers by the sea.'] });
  });
});

describe('what minima owns: a sentence naming the theme and where the site could set it', () => {
  it('refuses the header background, naming minima and its stylesheet override', async () => {
    const outcome = await repo.propose({ description: 'make the header background dark blue' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('drawn by the minima theme (the minima gem), which is not in this repository');
    expect(shown(outcome)).toContain('assets/main.scss');
  });

  it("refuses the brand colour, naming minima's $brand-color and where to set it", async () => {
    const outcome = await repo.propose({ description: 'change the brand color to #0f766e' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/minima's `\$brand-color`.*_sass\/minima\/custom-variables\.scss/s);
  });

  it('says the home headline is the missing title of the home page, never that no home page was found', async () => {
    const outcome = await repo.propose({ description: 'change the hero headline to "Books from the deep"' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain("its headline is the `title` in index.markdown's front matter, which is not set");
  });
});

describe('other minima sites', () => {
  const base = readSiteFiles(fixtureDir('jekyll-minima'));
  const withConfig = (configText: string): Record<string, string> => ({ ...Object.fromEntries(base), '_config.yml': configText });

  it('without header_pages (every titled page is listed): renames through the title, refuses adding with the setting to use', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles(withConfig('title: Lanternfish Press\nauthor:\n  name: Ada Lantern\n  email: ada@lanternfish.example\ntheme: minima\n'));
    try {
      const after = await site.commitOf({ description: 'rename the "Catalogue" link to "Books"' }, 'catalogue.md');
      expect(changedLines(site.original('catalogue.md'), after)).toEqual({ removed: ['title: Catalogue'], added: ['title: Books'] });
      const added = await site.propose({ description: 'add a link "Shop" to /shop/ in the navbar' });
      expect(added.kind).toBe('rejected');
      expect(shown(added)).toContain('list their files under `header_pages:` in _config.yml');
      // minima 3 keeps the e-mail under author.
      const mail = await site.commitOf({ description: 'change the contact email to books@lanternfish.example' }, '_config.yml');
      expect(changedLines(site.original('_config.yml'), mail)).toEqual({ removed: ['  email: ada@lanternfish.example'], added: ['  email: books@lanternfish.example'] });
    } finally {
      cleanup();
    }
  });

  it('with an unknown remote_theme: the settings still work, and the colours are a sentence naming the theme', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles(withConfig('title: Lanternfish Press\ndescription: Small books about the deep sea.\nremote_theme: someone/jekyll-theme-harbour\n'));
    try {
      const after = await site.commitOf({ command: 'section:header text:"Lantern Press"' }, '_config.yml');
      expect(changedLines(site.original('_config.yml'), after)).toEqual({ removed: ['title: Lanternfish Press'], added: ['title: Lantern Press'] });
      const colour = await site.propose({ description: 'make the footer background black' });
      expect(colour.kind).toBe('rejected');
      expect(shown(colour)).toContain('the harbour theme (remote_theme someone/jekyll-theme-harbour), which is not in this repository');
    } finally {
      cleanup();
    }
  });

  it("a GitHub Pages theme site whose home page is README.md without front matter: its texts change, the header colour is the theme's", async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      '_config.yml': 'title: Tern Tracker\ndescription: Follow the Arctic terns from Iceland to Antarctica.\ntheme: jekyll-theme-cayman\n',
      'README.md': '# Tern Tracker\n\nEvery tern carries a 1 g tag.\n\n## Data\n\nThe data is updated weekly.\n',
    });
    try {
      const after = await site.commitOf({ description: 'change "The data is updated weekly." to "The data is updated daily."' }, 'README.md');
      expect(changedLines(site.original('README.md'), after)).toEqual({ removed: ['The data is updated weekly.'], added: ['The data is updated daily.'] });
      const colour = await site.propose({ description: 'make the header background teal' });
      expect(colour.kind).toBe('rejected');
      expect(shown(colour)).toContain('drawn by the cayman theme (the jekyll-theme-cayman gem), which is not in this repository');
      expect(shown(colour)).toContain('assets/css/style.scss');
    } finally {
      cleanup();
    }
  });

  it('with a theme but no home page, says what was found and what is missing', async () => {
    const files = withConfig('title: Lanternfish Press\ntheme: minima\n');
    delete files['index.markdown'];
    const { repo: site, cleanup } = await seedSiteFromFiles(files);
    try {
      const outcome = await site.propose({ description: 'change the hero headline to "Hi"' });
      expect(shown(outcome)).toContain('This is a Jekyll site (_config.yml); its layouts come from the minima theme (the minima gem), which is not in this repository, but I found no home page');
    } finally {
      cleanup();
    }
  });
});
