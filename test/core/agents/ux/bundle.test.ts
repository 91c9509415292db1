import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createUxAgent } from '../../../../lambda/core/agents/ux';
import type { Agent, ProposalOutcome } from '../../../../lambda/core/domain/agent';
import type { JsonValue } from '../../../../lambda/core/domain/task';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub } from '../../../support/loopback-github';
import { changedLines, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, uxRequest, type FixtureRepo } from '../../../support/ux-fixture-repo';

/**
 * Several changes in one task (issue 17): planned each against the base, combined file by file,
 * refused when two touch the same characters, at most ten, committed as one commit on one branch
 * and opened as one draft pull request; a proposal stored before bundles existed still executes.
 */
const SITES = join(__dirname, '../../../../examples/sites');
const ALICE = { id: '111111111111', name: 'Alice', roles: [] };

function expectProposal(outcome: ProposalOutcome): Extract<ProposalOutcome, { kind: 'proposal' }> {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
  return outcome;
}

const refine = (agent: Agent, outcome: ProposalOutcome, text: string) => {
  if (!agent.refine) throw new Error('the UX Agent has no refine');
  return agent.refine(executingTaskFor(outcome, { status: 'awaiting_confirmation' }), text, ALICE, uxContext);
};

async function bundle(agent: Agent, request: Record<string, string>, ...more: string[]): Promise<Extract<ProposalOutcome, { kind: 'proposal' }>> {
  let outcome = expectProposal(await agent.propose(uxRequest(request), uxContext));
  for (const text of more) outcome = expectProposal(await refine(agent, outcome, text));
  return outcome;
}

const proposalOf = (outcome: ProposalOutcome) => (outcome as unknown as { proposal: { title: string; diff: string; files: Array<{ path: string }>; items: unknown[] } }).proposal;

describe('a task of several changes on a Vite + React + Tailwind 3 site', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(join(SITES, 'vite-react-tailwind3'));
  });
  afterAll(() => repo.remove());

  it('four changes in three files, two of them in one file: one preview, one branch, one commit naming each', async () => {
    const outcome = await bundle(repo.agent, { description: 'make the navbar blue' }, 'also rename the About link to Company', 'also change the hero headline to "Build it once"', 'also make the footer blue');
    const proposal = proposalOf(outcome);
    expect(proposal.files.map((f) => f.path)).toEqual(['src/layouts/MarketingLayout.jsx', 'src/components/landing/HeroSection.jsx', 'src/components/MarketingFooter.jsx']);
    expect(proposal.title).toBe('UX: navbar colour, navbar links, home hero text, footer colour');
    expect(outcome.preview.embeds?.[0]?.title).toBe('UX update · navbar, home, footer');
    const description = shown(outcome);
    expect(description).toContain('Proposed changes (4) to `local site repository` on `main` at');
    for (const [n, section] of [[1, 'navbar'], [2, 'navbar'], [3, 'home'], [4, 'footer']] as const) expect(description).toContain(`**${n}. ${section}**`);
    // One unified diff: each file once.
    expect(proposal.diff.match(/^\+\+\+ b\/src\/layouts\/MarketingLayout\.jsx$/gm)).toHaveLength(1);

    const branch = await repo.confirm(outcome);
    expect(branch).toMatch(/^ux\/navbar-home-footer-20260301-1020-tskfixture\d+$/);
    expect(repo.git('rev-list', '--count', `main..${branch}`).trim()).toBe('1');
    const layout = changedLines(repo.original('src/layouts/MarketingLayout.jsx'), repo.git('show', `${branch}:src/layouts/MarketingLayout.jsx`));
    expect(layout.added.join('\n')).toContain('bg-blue-600/80');
    expect(layout.added.join('\n')).toContain('Company');
    expect(repo.git('show', `${branch}:src/components/landing/HeroSection.jsx`)).toContain('Build it once');
    expect(repo.git('show', `${branch}:src/components/MarketingFooter.jsx`)).toContain('border-t border-gray-200 bg-blue-600 dark:bg-gray-950');
    const message = repo.git('log', '-1', '--format=%B', branch);
    expect(message).toContain('UX: navbar colour, navbar links, home hero text, footer colour\n');
    expect(message).toContain('1. navbar color: "bg-white/80" -> "bg-blue-600/80" (blue)\n2. navbar links: rename About → Company\n3. home hero-text: ');
    expect(message).toContain('4. footer color: "bg-white" -> "bg-blue-600" (blue)');
  });

  it('two changes of the same characters are refused, naming both and the file, and nothing is proposed', async () => {
    const first = await bundle(repo.agent, { description: 'change "Learn more" to "Read more"' });
    const second = await refine(repo.agent, first, 'also change "Learn more" to "See how"');
    expect(second).toMatchObject({ kind: 'rejected', message: { embeds: [{ title: 'Preview kept as it was' }] } });
    expect(shown(second)).toMatch(
      /^The new change \(the text `Learn more`\) and change 1 \(the text `Learn more`\) would edit the same place in `src\/components\/landing\/HeroSection\.jsx` \(line 29\), and one task cannot hold both edits, so nothing was changed\. To change that place differently, refine change 1 itself, e.g\. `call it "…"`\.$/,
    );
  });

  it('a proposal stored as version 1 (before bundles) still executes, and cannot be refined', async () => {
    const outcome = await bundle(repo.agent, { description: 'make the navbar blue' });
    // Exactly what the code before version 2 stored: no items.
    const { items: _items, ...fields } = proposalOf(outcome) as unknown as Record<string, JsonValue>;
    const v1 = { ...fields, version: 1 };
    expect(Object.keys(v1).sort()).toEqual(['baseBranch', 'baseCommit', 'changes', 'diff', 'files', 'notes', 'parser', 'repository', 'repositoryKind', 'section', 'title', 'version']);
    const stored: ProposalOutcome = { ...outcome, proposal: v1 };
    const refused = await refine(repo.agent, stored, 'darker');
    expect(shown(refused)).toBe('This preview was made before the UX Agent could refine one. Confirm it as it is, or Cancel and run /ux-update again with the whole request.');
    const branch = await repo.confirm(stored);
    expect(branch).toMatch(/^ux\/navbar-20260301-1020-/);
    expect(repo.git('log', '-1', '--format=%s', branch).trim()).toBe('UX: set navbar color to bg-blue-600/80');
    expect(repo.git('show', `${branch}:src/layouts/MarketingLayout.jsx`)).toContain('bg-blue-600/80 dark:bg-gray-950');
  });
});

describe('two or three changes in one file, across stacks', () => {
  it('plain CSS: the header and footer colours and the headline size in styles.css, and a third header colour refused', async () => {
    const repo = await seedFixtureRepo(join(SITES, 'plain-css-site'));
    try {
      const outcome = await bundle(repo.agent, { description: 'make the header #336699' }, 'also make the footer navy', 'also make the hero headline bigger');
      expect(proposalOf(outcome).files.map((f) => f.path)).toEqual(['styles.css']);
      const again = await refine(repo.agent, outcome, 'also make the header red');
      expect(again.kind).toBe('rejected');
      expect(shown(again)).toMatch(/^The new change \(the header colour\) and change 1 \(the header colour\) would edit the same place in `styles\.css` \(line 23\)/);
      const branch = await repo.confirm(outcome);
      // Three lines changed in the one file, nothing else.
      expect(repo.git('diff', '--numstat', 'main', branch).trim()).toBe('3\t3\tstyles.css');
      const css = repo.git('show', `${branch}:styles.css`);
      expect(css).toContain('--footer-bg: #000080;');
      expect(css).toContain('background-color: #336699;');
      expect(css).toContain('font-size: 3.13rem;');
    } finally {
      repo.remove();
    }
  });

  it('Astro: the header colour and a navbar link in Header.astro, and the footer in Footer.astro', async () => {
    const repo = await seedFixtureRepo(join(SITES, 'astro-tailwind4'));
    try {
      const outcome = await bundle(repo.agent, { description: 'make the header blue' }, 'darker', 'also rename the Pricing link to Plans', 'also change the footer text to "Orbit Inc"');
      expect(proposalOf(outcome).files.map((f) => f.path)).toEqual(['src/components/Header.astro', 'src/components/Footer.astro']);
      const branch = await repo.confirm(outcome);
      const header = repo.git('show', `${branch}:src/components/Header.astro`);
      expect(header).toContain("{ href: '/pricing', label: 'Plans' }");
      expect(header).toContain('bg-blue-700/90');
      expect(repo.git('show', `${branch}:src/components/Footer.astro`)).toContain('&copy; {today.getFullYear()} Orbit Inc. All rights reserved.');
      expect(repo.git('rev-list', '--count', `main..${branch}`).trim()).toBe('1');
    } finally {
      repo.remove();
    }
  });

  it('SvelteKit: three changes in +layout.svelte, parsed again by svelte/compiler as one file', async () => {
    const repo = await seedFixtureRepo(join(SITES, 'sveltekit-tailwind'));
    try {
      const outcome = await bundle(repo.agent, { description: 'make the header blue' }, 'also change the footer text to "Orbit Inc"', 'also rename the Pricing link to Plans');
      expect(proposalOf(outcome).files.map((f) => f.path)).toEqual(['src/routes/+layout.svelte']);
      const branch = await repo.confirm(outcome);
      const changed = changedLines(repo.original('src/routes/+layout.svelte'), repo.git('show', `${branch}:src/routes/+layout.svelte`)).added.join('\n');
      for (const text of ["label: 'Plans'", 'bg-blue-600/90', 'Orbit Inc. All rights reserved.']) expect(changed).toContain(text);
    } finally {
      repo.remove();
    }
  });
});

describe('at most ten changes', () => {
  const words = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliett', 'Kilo'];
  let site: Awaited<ReturnType<typeof seedSiteFromFiles>>;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'index.html': [
        '<!doctype html>',
        '<html lang="en">',
        '<head><title>Letters</title></head>',
        '<body>',
        '  <header><a href="/">Letters</a><nav><a href="/about.html">About</a></nav></header>',
        '  <main>',
        '    <h1>Every letter</h1>',
        ...words.map((w) => `    <p>${w} is a word.</p>`),
        '  </main>',
        '  <footer><p>© 2026 Letters</p></footer>',
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('the tenth is shown as the most one task holds, and an eleventh is refused with what to do', async () => {
    const { repo } = site;
    const change = (w: string) => `change "${w} is a word." to "${w}!"`;
    const ten = await bundle(repo.agent, { description: change(words[0]) }, ...words.slice(1, 10).map((w) => `also ${change(w)}`));
    expect(proposalOf(ten).items).toHaveLength(10);
    expect(shown(ten)).toContain('Proposed changes (10, the most one task holds) to');
    const eleventh = await refine(repo.agent, ten, `also ${change(words[10])}`);
    expect(eleventh.kind).toBe('rejected');
    expect(shown(eleventh)).toBe(`This task already holds 10 changes, the most one task can hold. Confirm it (or drop one, e.g. \`drop change 1\`), then ask for \`${change(words[10])}\` with a new /ux-update.`);
    const branch = await repo.confirm(ten);
    const html = repo.git('show', `${branch}:index.html`);
    for (const w of words.slice(0, 10)) expect(html).toContain(`<p>${w}!</p>`);
    expect(html).toContain('<p>Kilo is a word.</p>');
  });
});

describe('Confirm of a bundle through the GitHub App', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

  /** Every file of a fixture site, as the loopback GitHub's repository. */
  function siteFiles(folder: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out[relative(folder, path)] = readFileSync(path, 'utf8');
      }
    };
    walk(folder);
    return out;
  }

  it('opens one draft pull request from one branch with one commit, its body listing every change', async () => {
    const github = await startLoopbackGitHub({ appId: 4242, publicKeyPem: keys.publicKey, installationId: 777, owner: 'acme', repo: 'site', files: siteFiles(join(SITES, 'vite-react-tailwind3')) });
    try {
      const agent = createUxAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: 4242, privateKey: keys.privateKey, installationId: 777, baseUrl: github.baseUrl }) });
      const outcome = await bundle(agent, { description: 'make the navbar blue' }, 'darker', 'also make the footer blue', 'also change the hero headline to "Build it once"');
      const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_01HXBUNDLE', command: '/ux-update description:make the navbar blue' }), uxContext);
      expect(done.kind).toBe('done');
      expect(github.pulls).toHaveLength(1);
      const [pull] = github.pulls;
      expect(pull).toMatchObject({ draft: true, title: 'UX: navbar colour, footer colour, home hero text', head: 'ux/navbar-footer-home-20260301-1020-tsk01hxbundl' });
      expect(github.commitsAhead(pull.head)).toBe(1);
      expect(pull.body).toContain('### Changes (3)');
      expect(pull.body).toContain('1. **navbar**, asked as `make the navbar blue`, then `darker`\n   - **color**: `bg-white/80` → `bg-blue-700/80`');
      expect(pull.body).toContain('2. **footer**, asked as `make the footer blue`\n   - **color**: `bg-white` → `bg-blue-600` (blue)');
      expect(pull.body).toContain('3. **home**, asked as `change the hero headline to "Build it once"`\n   - **hero-text**: ');
      expect(github.file(pull.head, 'src/components/MarketingFooter.jsx')).toContain('bg-blue-600 dark:bg-gray-950');
      expect(github.file(pull.head, 'src/layouts/MarketingLayout.jsx')).toContain('bg-blue-700/80');
    } finally {
      await github.close();
    }
  });
});
