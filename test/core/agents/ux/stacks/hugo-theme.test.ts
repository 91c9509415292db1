import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parse as parseYaml } from 'yaml';
import { fixtureDir } from '../../../../support/fixture-sites';
import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on a Hugo site whose theme is not in the repository (examples/sites/hugo-theme-submodule:
 * `theme = 'PaperMod'`, themes/PaperMod a git submodule that is not checked out, as the Hugo quick
 * start writes it). The title, `[params]`, `[[menu.main]]` and the content pages are changed where
 * they are written; what the theme owns is a sentence naming the theme and where it lives.
 */
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('hugo-theme-submodule'));
});
afterAll(() => repo.remove());

async function committed(options: Record<string, string>, path: string): Promise<ReturnType<typeof changedLines> & { after: string }> {
  const after = await repo.commitOf(options, path);
  return { ...changedLines(repo.original(path), after), after };
}
const hugoToml = (text: string) => getStaticTOMLValue(parseTOML(text)) as { title: string; params: { homeInfoParams: Record<string, string> }; menu: { main: Array<Record<string, unknown>> } };

describe('/ux-map on a Hugo site drawn by a theme submodule', () => {
  it('shows the header, menu and home page the theme draws from hugo.toml', async () => {
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toMatch(/^Hugo · `main` at `[0-9a-f]{7}`/);
    for (const line of ['  text (text): "Mara Builds" hugo.toml:3', '  links (links): "Posts, About, Tags" hugo.toml:19', '  hero-text (text): "Hi, I am Mara" hugo.toml:12']) expect(text).toContain(line);
  });
});

describe('what the theme draws from hugo.toml and the content', () => {
  it("changes PaperMod's home headline in [params.homeInfoParams]", async () => {
    const { removed, added, after } = await committed({ description: 'change the hero headline to "Hello, I am Mara"' }, 'hugo.toml');
    expect({ removed, added }).toEqual({ removed: ["    Title = 'Hi, I am Mara'"], added: ["    Title = 'Hello, I am Mara'"] });
    expect(hugoToml(after).params.homeInfoParams.Title).toBe('Hello, I am Mara');
  });

  it('adds a [[menu.main]] entry written like the others, with the next weight', async () => {
    const { removed, added, after } = await committed({ description: 'add a link "Archive" to /archives/ in the navbar' }, 'hugo.toml');
    expect(removed).toEqual([]);
    expect(added).toEqual(['[[menu.main]]', "  identifier = 'archive'", "  name = 'Archive'", "  url = '/archives/'", '  weight = 40']);
    expect(hugoToml(after).menu.main.map((m) => m.name)).toEqual(['Posts', 'About', 'Tags', 'Archive']);
  });

  it('renames and removes menu entries', async () => {
    const renamed = await committed({ description: 'rename the "Posts" link to "Writing"' }, 'hugo.toml');
    expect({ removed: renamed.removed, added: renamed.added }).toEqual({ removed: ["  name = 'Posts'"], added: ["  name = 'Writing'"] });
    const { after } = await committed({ description: 'remove the "Tags" link from the navbar' }, 'hugo.toml');
    expect(hugoToml(after).menu.main.map((m) => m.name)).toEqual(['Posts', 'About']);
  });

  it("changes a content page's meta description and Markdown text", async () => {
    const seo = await committed({ description: 'on the about page, change the meta description to "Who I am."' }, 'content/about.md');
    expect({ removed: seo.removed, added: seo.added }).toEqual({ removed: ['description: Who writes these notes.'], added: ['description: Who I am.'] });
    const text = await committed({ description: 'on the about page, change "I speak at two meetups a year." to "I speak at three meetups a year."' }, 'content/about.md');
    expect({ removed: text.removed, added: text.added }).toEqual({ removed: ['I speak at two meetups a year.'], added: ['I speak at three meetups a year.'] });
  });
});

describe('what the theme owns: a true sentence naming it and where it lives', () => {
  it('refuses the header background, naming PaperMod, the submodule and assets/css/extended/', async () => {
    const outcome = await repo.propose({ description: 'make the header background dark blue' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('drawn by the Hugo theme PaperMod (a git submodule at themes/PaperMod, not checked out here)');
    expect(shown(outcome)).toContain('assets/css/extended/');
  });

  it('refuses the footer copyright the site does not set, saying which setting would hold it', async () => {
    const outcome = await repo.propose({ description: 'change the footer copyright to "© Mara Lind"' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('hugo.toml sets no `copyright`');
  });
});

describe('other Hugo theme sites', () => {
  it('the Hugo quick start (ananke submodule, config with content/_index.md): the home text is the Markdown, the colours a sentence', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'hugo.toml': "baseURL = 'https://example.org/'\nlanguageCode = 'en-us'\ntitle = 'My New Hugo Site'\ntheme = 'ananke'\n",
      '.gitmodules': '[submodule "themes/ananke"]\n\tpath = themes/ananke\n\turl = https://github.com/theNewDynamic/gohugo-theme-ananke.git\n',
      'content/_index.md': '---\ntitle: Welcome to the harbour\n---\n\nWe sail on Sundays.\n',
      'content/posts/my-first-post.md': "+++\ntitle = 'My First Post'\ndate = 2024-01-14T07:07:07+01:00\ndraft = true\n+++\n## Introduction\n\nThis is **bold** text.\n",
    });
    try {
      const after = await site.commitOf({ description: 'change the hero headline to "Welcome aboard"' }, 'content/_index.md');
      expect(changedLines(site.original('content/_index.md'), after)).toEqual({ removed: ['title: Welcome to the harbour'], added: ['title: Welcome aboard'] });
      const colour = await site.propose({ description: 'make the navbar background black' });
      expect(colour.kind).toBe('rejected');
      expect(shown(colour)).toContain('the Hugo theme ananke (a git submodule at themes/ananke, not checked out here)');
    } finally {
      cleanup();
    }
  });

  it('config.yml with a PaperMod module import and profileMode: the profile texts and menu in YAML', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'config.yml': [
        'baseURL: https://example.org/',
        'title: Ines Codes',
        'module:',
        '  imports:',
        '    - path: github.com/adityatelange/hugo-PaperMod',
        'params:',
        '  profileMode:',
        '    enabled: true',
        '    title: Ines Ortega',
        '    subtitle: Backend engineer in Lisbon',
        '    buttons:',
        '      - name: Posts',
        '        url: posts',
        'menu:',
        '  main:',
        '    - identifier: posts',
        '      name: Posts',
        '      url: /posts/',
        '      weight: 10',
        '',
      ].join('\n'),
      'content/posts/hello.md': '---\ntitle: Hello\n---\nHi.\n',
    });
    try {
      const after = await site.commitOf({ description: 'change the hero paragraph to "Backend engineer in Porto"' }, 'config.yml');
      expect(changedLines(site.original('config.yml'), after)).toEqual({ removed: ['    subtitle: Backend engineer in Lisbon'], added: ['    subtitle: Backend engineer in Porto'] });
      const menu = await site.commitOf({ description: 'add a link "About" to /about/ in the navbar' }, 'config.yml');
      expect((parseYaml(menu) as { menu: { main: Array<{ name: string; url: string }> } }).menu.main.map((m) => [m.name, m.url])).toEqual([['Posts', '/posts/'], ['About', '/about/']]);
      const colour = await site.propose({ description: 'change the brand colour to #be123c' });
      expect(shown(colour)).toContain("PaperMod's (the Hugo module github.com/adityatelange/hugo-PaperMod, fetched when the site builds)");
    } finally {
      cleanup();
    }
  });

  it('a Hugo site with no theme and no layouts says what it found, not that no home page exists', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({ 'hugo.toml': "title = 'Bare'\n", 'content/_index.md': '---\ntitle: Bare\n---\nHi.\n' });
    try {
      const outcome = await site.propose({ description: 'change the hero headline to "Hi"' });
      expect(shown(outcome)).toContain('This is a Hugo site (hugo.toml), but it names no theme and has no home page template');
      expect(shown(outcome)).not.toContain('I found no home page in this repository');
    } finally {
      cleanup();
    }
  });
});

describe('a Hugo theme kept in the repository whose home page is _default/list.html', () => {
  it('renders the home page through Hugo\'s lookup order (no index.html) and edits the content it prints', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'config.toml': "title = 'Kelp'\ntheme = 'plain'\n",
      'themes/plain/layouts/_default/baseof.html': '<html><body><header><a href="/">{{ .Site.Title }}</a></header>{{ block "main" . }}{{ end }}</body></html>\n',
      'themes/plain/layouts/_default/list.html': '{{ define "main" }}<main>{{ .Content }}</main>{{ end }}\n',
      'content/_index.md': '---\ntitle: Kelp\n---\n\nForests under the sea.\n',
    });
    try {
      const after = await site.commitOf({ description: 'change "Forests under the sea." to "Forests beneath the sea."' }, 'content/_index.md');
      expect(changedLines(site.original('content/_index.md'), after)).toEqual({ removed: ['Forests under the sea.'], added: ['Forests beneath the sea.'] });
      const header = await site.propose({ command: 'section:header text:"Kelp Notes"' });
      expect(shown(header)).toContain('config.toml');
    } finally {
      cleanup();
    }
  });
});
