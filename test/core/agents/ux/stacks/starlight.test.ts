import { parse as babelParse } from '@babel/parser';
import { parse as parseYaml } from 'yaml';
import postcss from 'postcss';
import { fixtureDir } from '../../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../../support/ux-fixture-repo';

/**
 * The UX Agent on an Astro Starlight site (examples/sites/astro-starlight, as the Starlight starter
 * writes it): `starlight({ title, description, social, sidebar, customCss })` in astro.config.mjs,
 * pages in src/content/docs/ with front matter, a splash home page with `hero`, and
 * `--sl-color-accent` in the customCss file. Edited files are parsed back with their own parser.
 */
const HOME = 'src/content/docs/index.mdx';
let repo: FixtureRepo;
beforeAll(async () => {
  repo = await seedFixtureRepo(fixtureDir('astro-starlight'));
});
afterAll(() => repo.remove());

async function committed(options: Record<string, string>, path: string): Promise<ReturnType<typeof changedLines> & { after: string }> {
  const after = await repo.commitOf(options, path);
  return { ...changedLines(repo.original(path), after), after };
}
const front = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as { title: string; hero: { tagline: string; actions: Array<{ text: string }> } };

describe('/ux-map on a Starlight site', () => {
  it('names Starlight, the splash home page and what the integration draws', async () => {
    const text = shown(await repo.agent.propose(uxRequest({}, 'ux-map'), uxContext));
    expect(text).toMatch(/^Starlight · `main` at `[0-9a-f]{7}` · home page `src\/content\/docs\/index\.mdx`/);
    for (const line of ['  text (text): "Tidepool" astro.config.mjs:9', '  primary-color (color): src/styles/custom.css:4']) expect(text).toContain(line);
  });
});

describe("Starlight's parts, changed where they are written", () => {
  it("changes the splash hero's tagline in the home page's front matter", async () => {
    const { removed, added, after } = await committed({ description: 'change the tagline to "Measure the sea from the rocks."' }, HOME);
    expect({ removed, added }).toEqual({ removed: ['  tagline: Measure the sea from the rocks, with a kit you build in an afternoon.'], added: ['  tagline: Measure the sea from the rocks.'] });
    expect(front(after).hero.tagline).toBe('Measure the sea from the rocks.');
  });

  it('changes a hero action button label', async () => {
    const { removed, added } = await committed({ description: 'change the "Assemble the kit" button to "Build the kit"' }, HOME);
    expect({ removed, added }).toEqual({ removed: ['    - text: Assemble the kit'], added: ['    - text: Build the kit'] });
  });

  it('asks which list a new header link joins, and adds it to the sidebar group picked, written like its items', async () => {
    const outcome = await repo.propose({ description: 'add a link "Troubleshooting" to /guides/troubleshooting/ in the navbar' });
    if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
    const group = outcome.candidates.find((c) => c.label.includes('sidebar group "Guides"'));
    if (!group) throw new Error(`no sidebar candidate among ${outcome.candidates.map((c) => c.label).join(', ')}`);
    const branch = await repo.confirm(picked(group));
    const after = repo.git('show', `${branch}:astro.config.mjs`);
    const { added } = changedLines(repo.original('astro.config.mjs'), after);
    expect(added.join('\n')).toMatch(/\{ label: 'Troubleshooting', slug: 'guides\/troubleshooting' \}/);
    expect(() => babelParse(after, { sourceType: 'module' })).not.toThrow();
  });

  it("changes a page's meta description and its Markdown text", async () => {
    const seo = await committed({ description: 'on the calibrate page, change the meta description to "Zero the probe."' }, 'src/content/docs/guides/calibrate.md');
    expect({ removed: seo.removed, added: seo.added }).toEqual({ removed: ['description: Set the zero point of the probe.'], added: ['description: Zero the probe.'] });
    const text = await committed({ description: 'on /guides/assemble, change "Press the lid until it clicks on both sides." to "Press the lid until it clicks."' }, 'src/content/docs/guides/assemble.md');
    expect({ removed: text.removed, added: text.added }).toEqual({ removed: ['Press the lid until it clicks on both sides.'], added: ['Press the lid until it clicks.'] });
  });

  it('changes the accent colour in the customCss file, for both themes, and the stylesheet still parses', async () => {
    const { added, after } = await committed({ description: 'make the brand colour #be123c' }, 'src/styles/custom.css');
    expect(added.filter((l) => l.includes('--sl-color-accent: #be123c;')).length).toBe(2);
    expect(() => postcss.parse(after)).not.toThrow();
  });
});

describe('what Starlight owns', () => {
  it('refuses the header background with a sentence naming Starlight and the customCss file', async () => {
    const outcome = await repo.propose({ description: 'make the header background black' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toContain('drawn by Starlight (the @astrojs/starlight package, not in this repository)');
    expect(shown(outcome)).toContain('`--sl-color-bg-nav` in src/styles/custom.css');
  });

  it('the starter without customCss: the title changes in the options, the accent colour is a sentence naming customCss', async () => {
    const { repo: site, cleanup } = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "@astrojs/starlight": "^0.34.3", "astro": "^5.6.1" } }\n',
      'astro.config.mjs': "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\nexport default defineConfig({\n\tintegrations: [\n\t\tstarlight({\n\t\t\ttitle: 'My Docs',\n\t\t}),\n\t],\n});\n",
      'src/content/docs/index.mdx': '---\ntitle: Welcome to Starlight\ndescription: Get started building your docs site with Starlight.\ntemplate: splash\nhero:\n  tagline: Congrats on setting up a new Starlight project!\n---\n\n## Next steps\n\nEdit the page.\n',
    });
    try {
      const after = await site.commitOf({ command: 'section:header text:"Harbour Docs"' }, 'astro.config.mjs');
      expect(changedLines(site.original('astro.config.mjs'), after)).toEqual({ removed: ["\t\t\ttitle: 'My Docs',"], added: ["\t\t\ttitle: 'Harbour Docs',"] });
      const brand = await site.propose({ description: 'make the brand colour #be123c' });
      expect(brand.kind).toBe('rejected');
      expect(shown(brand)).toContain("Starlight's `--sl-color-accent`");
      expect(shown(brand)).toContain('`customCss`');
    } finally {
      cleanup();
    }
  });
});
