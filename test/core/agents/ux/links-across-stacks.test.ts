import { parse as parseScript } from '@babel/parser';
import { changedLines, seedSiteFromFiles, shown, type FixtureRepo } from '../../../support/ux-fixture-repo';

/**
 * Links, component trees and template edits on every stack, each on a small site written the
 * way the stack's starters and themes write it, driven through the real agent into a real git
 * repository: what is committed, asked or refused is what a person would see.
 */
const parsesAsTypeScript = (source: string) => parseScript(source, { sourceType: 'module', plugins: ['typescript', 'jsx'] });

async function withSite(files: Record<string, string>, run: (repo: FixtureRepo) => Promise<void>): Promise<void> {
  const { repo, cleanup } = await seedSiteFromFiles(files);
  try {
    await run(repo);
  } finally {
    cleanup();
  }
}

/** A Docusaurus site as `create-docusaurus` writes it: the navbar's items in the config, a dropdown among them. */
const DOCUSAURUS_CONFIG = `import type {Config} from '@docusaurus/types';

const config: Config = {
  title: 'Lumen',
  tagline: 'Tracing for teams that deploy every day',
  url: 'https://docs.lumen.dev',
  baseUrl: '/',
  themeConfig: {
    navbar: {
      title: 'Lumen',
      items: [
        {
          type: 'docSidebar',
          sidebarId: 'tutorialSidebar',
          position: 'left',
          label: 'Tutorial',
        },
        {to: '/blog', label: 'Blog', position: 'left'},
        {
          type: 'dropdown',
          label: 'Community',
          position: 'left',
          items: [
            {label: 'Discord', href: 'https://discord.gg/lumen'},
            {label: 'Forum', href: 'https://forum.lumen.dev'},
          ],
        },
        {
          href: 'https://github.com/lumen/lumen',
          label: 'GitHub',
          position: 'right',
        },
      ],
    },
    footer: {
      links: [
        {
          title: 'Docs',
          items: [{label: 'Tutorial', to: '/docs/intro'}],
        },
        {
          title: 'More',
          items: [
            {label: 'Blog', to: '/blog'},
            {label: 'GitHub', href: 'https://github.com/lumen/lumen'},
          ],
        },
      ],
      copyright: \`Copyright © \${new Date().getFullYear()} Lumen, Inc.\`,
    },
  },
};

export default config;
`;

const DOCUSAURUS_HOME = `import Layout from '@theme/Layout';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';

export default function Home() {
  const {siteConfig} = useDocusaurusContext();
  return (
    <Layout title={siteConfig.title}>
      <header className="hero hero--primary">
        <div className="container">
          <h1 className="hero__title">{siteConfig.title}</h1>
          <p className="hero__subtitle">{siteConfig.tagline}</p>
          <Link className="button button--secondary button--lg" to="/docs/intro">Start the tutorial</Link>
        </div>
      </header>
    </Layout>
  );
}
`;

const docusaurusSite = (config = DOCUSAURUS_CONFIG) => ({
  'package.json': '{"dependencies":{"@docusaurus/core":"3.5.2","react":"18"}}\n',
  'docusaurus.config.ts': config,
  'src/pages/index.tsx': DOCUSAURUS_HOME,
});

describe('Docusaurus navbar items', () => {
  it('adds a link as a plain `to` entry, separated like the array separates its elements, when a dropdown sits between the last two links', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'add a link "Showcase" to /showcase in the navbar' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({
        removed: [],
        added: ["        {to: '/showcase', label: 'Showcase', position: 'left'},"],
      });
      expect(() => parsesAsTypeScript(after)).not.toThrow();
    });
  });

  it('renames a docSidebar item by its label, and nothing else', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'rename the Tutorial link in the navbar to Guides' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({ removed: ["          label: 'Tutorial',"], added: ["          label: 'Guides',"] });
    });
  });

  it('removes a docSidebar item whole, the next item moving up to its place', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const after = await repo.commitOf({ description: 'remove the Tutorial link from the navbar' }, 'docusaurus.config.ts');
      expect(changedLines(repo.original('docusaurus.config.ts'), after)).toEqual({
        removed: ['        {', "          type: 'docSidebar',", "          sidebarId: 'tutorialSidebar',", "          position: 'left',", "          label: 'Tutorial',", '        },'],
        added: [],
      });
      expect(() => parsesAsTypeScript(after)).not.toThrow();
    });
  });

  it('names every footer column and its links when the link to remove is in none of them', async () => {
    await withSite(docusaurusSite(), async (repo) => {
      const outcome = await repo.propose({ command: 'section:footer remove-link:"Careers"' });
      expect(outcome.kind).toBe('rejected');
      const text = shown(outcome);
      expect(text).toContain('footer column "Docs" (Tutorial); footer column "More" (Blog, GitHub)');
      expect(text).toContain('footer column "More" (Blog, GitHub)');
    });
  });
});
