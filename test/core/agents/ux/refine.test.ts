import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { culori } from '../../../../lambda/core/agents/ux/color';
import { readRefinement } from '../../../../lambda/core/agents/ux/refine';
import type { SiteMap } from '../../../../lambda/core/agents/ux/site-map';
import type { ProposalOutcome, Requester } from '../../../../lambda/core/domain/agent';
import { isUndoRequest } from '../../../../lambda/core/domain/undo-request';
import { executingTaskFor } from '../../../support/executing-task';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, uxContext, viteReactSite, type FixtureRepo } from '../../../support/ux-fixture-repo';

/**
 * Refining an open preview (issue 17): the real UX Agent on fixture sites in real git
 * repositories; each refinement is read against the task's stored proposal and planned again
 * against its base commit, and what a person sees (the preview, the sentence) and what Confirm
 * commits are checked.
 */
const SITES = join(__dirname, '../../../../examples/sites');
const ALICE: Requester = { id: '111111111111', name: 'Alice', roles: [] };
const BOB: Requester = { id: '222222222222', name: 'Bob', roles: ['developer'] };

/** The task as the platform holds it while its preview is open. */
const openTask = (outcome: ProposalOutcome) => executingTaskFor(outcome, { status: 'awaiting_confirmation' });

function expectProposal(outcome: ProposalOutcome): Extract<ProposalOutcome, { kind: 'proposal' }> {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
  return outcome;
}

/** Proposes, then applies each refinement to the preview the last one left. */
async function conversation(repo: FixtureRepo, request: string, ...refinements: string[]): Promise<ProposalOutcome> {
  let outcome = expectProposal(await repo.propose({ description: request }));
  for (const text of refinements) outcome = expectProposal(await refine(repo, outcome, text));
  return outcome;
}

const refine = (repo: FixtureRepo, outcome: ProposalOutcome, text: string, requester = ALICE) => {
  if (!repo.agent.refine) throw new Error('the UX Agent has no refine');
  return repo.agent.refine(openTask(outcome), text, requester, uxContext);
};

const diffOf = (outcome: ProposalOutcome) => (outcome as unknown as { proposal: { diff: string } }).proposal.diff;
const itemsOf = (outcome: ProposalOutcome) => (outcome as unknown as { proposal: { items: Array<{ section: string; words: string; refinements?: string[] }> } }).proposal.items;

describe('reading a refinement', () => {
  const vocabulary: SiteMap = { version: 1, markerAttribute: 'data-ux', sections: { header: { properties: {} }, navbar: { aliases: ['nav', 'menu'], properties: {} }, footer: { properties: {} }, home: { aliases: ['hero'], properties: {} } } };
  it.each([
    ['darker', { kind: 'shade', direction: 'darker', steps: 1 }],
    ['Make it a little lighter please', { kind: 'shade', direction: 'lighter', steps: 1 }],
    ['make the footer darker', { kind: 'shade', direction: 'darker', steps: 1, about: 'footer' }],
    ['too dark', { kind: 'shade', direction: 'lighter', steps: 1 }],
    ['much darker', { kind: 'shade', direction: 'darker', steps: 2 }],
    ['ok, darken it', { kind: 'shade', direction: 'darker', steps: 1 }],
    ['even bigger', { kind: 'size', direction: 'bigger' }],
    ['make it smaller', { kind: 'size', direction: 'smaller' }],
    ['actually call it Plans', { kind: 'text', value: 'Plans' }],
    ['make it say Start free', { kind: 'text', value: 'Start free' }],
    ['no, "Our plans"', { kind: 'text', value: 'Our plans' }],
    ['use "Plans" instead', { kind: 'text', value: 'Plans' }],
    ['no, the footer', { kind: 'move', to: 'footer' }],
    ['the footer, not the navbar', { kind: 'move', to: 'footer', from: 'navbar' }],
    ['not the nav, the footer', { kind: 'move', to: 'footer', from: 'navbar' }],
    ['in the footer instead', { kind: 'move', to: 'footer' }],
    ['I meant the footer', { kind: 'move', to: 'footer' }],
    ['use #1e3a8a instead', { kind: 'value', value: '#1e3a8a' }],
    ['blue instead', { kind: 'value', value: 'blue' }],
    ['make it navy', { kind: 'value', value: 'navy' }],
    ['navy, not blue', { kind: 'color', value: 'navy' }],
    ['also make the footer blue', { kind: 'add', description: 'make the footer blue' }],
    ['and change the footer text to "Acme" too', { kind: 'add', description: 'change the footer text to "Acme"' }],
    ['also section:footer color:navy', { kind: 'add', description: 'section:footer color:navy' }],
    ['drop the footer change', { kind: 'drop', about: 'the footer change' }],
    ['remove the link change', { kind: 'drop', about: 'the link change' }],
    ['never mind the footer', { kind: 'drop', about: 'the footer' }],
    ['drop change 2', { kind: 'drop', about: 'change 2' }],
    ['undo that', { kind: 'undo' }],
    // A request to remove a link from the site is not a change of the task dropped.
    ['remove the Blog link', { kind: 'unknown' }],
    ['make it pop', { kind: 'unknown' }],
  ])('%s', (text, expected) => {
    expect(readRefinement(text, vocabulary)).toEqual(expected);
  });
});

describe('refining a preview on a Vite + React + Tailwind 3 site', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(join(SITES, 'vite-react-tailwind3'));
  });
  afterAll(() => repo.remove());

  it('"darker" moves a palette colour one shade, "a bit darker" one more, and Confirm commits the last', async () => {
    const first = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    expect(shown(first)).toContain('`bg-white/80` → `bg-blue-600/80` (blue)');
    const darker = expectProposal(await refine(repo, first, 'darker'));
    expect(shown(darker)).toContain('`bg-white/80` → `bg-blue-700/80`');
    // A named colour moved a shade is no longer that name.
    expect(shown(darker)).not.toContain('(blue)');
    const again = expectProposal(await refine(repo, darker, 'a bit darker'));
    expect(shown(again)).toContain('`bg-white/80` → `bg-blue-800/80`');
    expect(itemsOf(again)[0]).toMatchObject({ words: 'make the navbar blue', refinements: ['darker', 'a bit darker'] });
    const branch = await repo.confirm(again);
    expect(changedLines(repo.original('src/layouts/MarketingLayout.jsx'), repo.git('show', `${branch}:src/layouts/MarketingLayout.jsx`)).added).toEqual([
      '      <header className="fixed inset-x-0 top-0 z-50 bg-blue-800/80 dark:bg-gray-950 backdrop-blur-lg border-b border-gray-200/50">',
    ]);
    expect(repo.git('rev-list', '--count', `main..${branch}`).trim()).toBe('1');
  });

  it('"lighter" goes the other way, and "much darker" two shades', async () => {
    const lighter = await conversation(repo, 'make the navbar blue', 'lighter');
    expect(shown(lighter)).toContain('`bg-white/80` → `bg-blue-500/80`');
    const much = expectProposal(await refine(repo, lighter, 'much darker'));
    expect(shown(much)).toContain('`bg-white/80` → `bg-blue-700/80`');
  });

  it('"use #1e3a8a instead" and "red instead" replace the colour of the last colour change', async () => {
    const hex = await conversation(repo, 'make the navbar blue', 'use #1e3a8a instead');
    // The exact palette colour is written as its palette name.
    expect(shown(hex)).toContain('`bg-white/80` → `bg-blue-900/80`');
    const red = expectProposal(await refine(repo, hex, 'red instead'));
    expect(shown(red)).toContain('`bg-white/80` → `bg-red-600/80` (red)');
  });

  it('"bigger" takes a resized headline one step further, "smaller" back, and not past where it was', async () => {
    const bigger = await conversation(repo, 'make the hero headline bigger');
    expect(shown(bigger)).toContain('`text-4xl md:text-6xl` → `text-5xl md:text-7xl`');
    const twice = expectProposal(await refine(repo, bigger, 'even bigger'));
    expect(shown(twice)).toContain('`text-4xl md:text-6xl` → `text-6xl md:text-8xl`');
    expect(diffOf(twice)).toContain('+          className="text-6xl md:text-8xl font-bold');
    const back = expectProposal(await refine(repo, twice, 'smaller'));
    expect(shown(back)).toContain('`text-4xl md:text-6xl` → `text-5xl md:text-7xl`');
    const none = await refine(repo, back, 'a bit smaller');
    expect(none.kind).toBe('rejected');
    expect(shown(none)).toBe('That takes the home hero text size back to how it is on the base branch. To leave it as it is, drop the change (`drop change 1`), or press Cancel.');
  });

  it('"actually call it Team" and `no, "Our team"` give new words to the last link or text change', async () => {
    const renamed = await conversation(repo, 'rename the About link to Company', 'actually call it Team');
    expect(shown(renamed)).toContain('rename About → Team');
    const quoted = expectProposal(await refine(repo, renamed, 'no, "Our team"'));
    expect(shown(quoted)).toContain('rename About → Our team');
    const says = expectProposal(await refine(repo, quoted, 'make it say Crew'));
    const branch = await repo.confirm(says);
    expect(changedLines(repo.original('src/layouts/MarketingLayout.jsx'), repo.git('show', `${branch}:src/layouts/MarketingLayout.jsx`))).toEqual({ removed: ['              About'], added: ['              Crew'] });
  });

  it('"no, the footer" makes the same change in another section; "the footer, not the navbar" picks which change', async () => {
    const moved = await conversation(repo, 'make the navbar blue', 'no, the footer');
    expect(shown(moved)).toContain('Proposed change to the **footer**');
    expect(diffOf(moved)).toContain('+++ b/src/components/MarketingFooter.jsx');
    expect(diffOf(moved)).not.toContain('MarketingLayout.jsx');

    const two = await conversation(repo, 'make the navbar blue', 'also change the hero headline to "Build it once"', 'the footer, not the navbar');
    expect(shown(two)).toContain('**1. footer**');
    expect(shown(two)).toContain('**2. home**');
    expect(diffOf(two)).toContain('+++ b/src/components/MarketingFooter.jsx');
    expect(diffOf(two)).not.toContain('MarketingLayout.jsx');
  });

  it('"also …" adds a change, "drop the footer change" removes it, and the last change is Cancel\'s', async () => {
    const both = await conversation(repo, 'make the navbar blue', 'also make the footer blue');
    expect(shown(both)).toMatch(/Proposed changes \(2\)[^]*\*\*1\. navbar\*\*\n• \*\*color\*\*[^]*\*\*2\. footer\*\*\n• \*\*color\*\*/);
    expect(itemsOf(both).map((i) => i.words)).toEqual(['make the navbar blue', 'make the footer blue']);
    const same = expectProposal(await refine(repo, expectProposal(await repo.propose({ description: 'make the navbar blue' })), 'and change the footer text to "Acme Inc" too'));
    expect(diffOf(same)).toContain('Acme Inc');

    const dropped = expectProposal(await refine(repo, both, 'drop the footer change'));
    expect(shown(dropped)).toContain('Proposed change to the **navbar**');
    expect(diffOf(dropped)).not.toContain('MarketingFooter.jsx');
    const neverMind = expectProposal(await refine(repo, both, 'never mind the footer'));
    expect(diffOf(neverMind)).toBe(diffOf(dropped));
    const last = await refine(repo, dropped, 'drop the navbar change');
    expect(last).toMatchObject({ kind: 'rejected' });
    expect(shown(last)).toBe('The navbar colour is the only change of this task; to drop it, press Cancel.');
  });

  it('a refinement that does not fit says what the task holds and what would fit, and keeps the preview', async () => {
    const colour = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const words = await refine(repo, colour, 'call it Plans');
    expect(words).toMatchObject({ kind: 'rejected', message: { embeds: [{ title: 'Preview kept as it was' }] } });
    expect(shown(words)).toBe(
      '`call it Plans` gives new words, and this task changes no text or link. This task holds 1. the navbar colour. What would fit: `darker`, `use #1e3a8a instead`, `no, the header` or `also make the header blue`.',
    );
    const bigger = await refine(repo, colour, 'bigger');
    expect(shown(bigger)).toMatch(/^`bigger` takes a text this task resizes one step further, and it resizes none; to resize a text, add it, e.g. `also make the hero headline bigger`\. This task holds 1\. the navbar colour\./);

    const text = expectProposal(await repo.propose({ description: 'change the footer text to "Acme Inc"' }));
    const darker = await refine(repo, text, 'darker');
    expect(darker.kind).toBe('rejected');
    expect(shown(darker)).toBe('`darker` changes a colour, and this task changes none. This task holds 1. the footer text. What would fit: `call it "Plans"`, `no, the header` or `also make the header blue`.');
    const request = await refine(repo, text, 'remove the Features link');
    expect(shown(request)).toBe('`remove the Features link` reads as a change of its own. To add it to this task, start with "also": `also remove the Features link`. To change what this task holds (1. the footer text), say e.g. `call it "Plans"` or `no, the header`.');
    const gibberish = await refine(repo, text, 'hmm not sure about this');
    expect(shown(gibberish)).toMatch(/^I did not understand `hmm not sure about this` as a change to this preview\. This task holds 1\. the footer text\. What would fit: /);
  });

  it('a refinement that would change nothing says so', async () => {
    const colour = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const same = await refine(repo, colour, 'blue instead');
    expect(same.kind).toBe('rejected');
    expect(shown(same)).toBe('That leaves the preview as it was: it already shows that. This task holds 1. the navbar colour.');
  });

  it('"undo that" and "cancel" are the platform\'s: the agent changes nothing and points at Cancel', async () => {
    for (const text of ['undo that', 'Cancel', 'never mind', 'scrap it please', 'no, cancel the whole thing']) expect(isUndoRequest(text)).toBe(true);
    for (const text of ['never mind the footer', 'undo the footer change', 'drop change 2', 'darker', 'cancel the footer change']) expect(isUndoRequest(text)).toBe(false);
    const colour = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const undo = await refine(repo, colour, 'undo that');
    expect(undo.kind).toBe('rejected');
    expect(shown(undo)).toContain('To drop the whole task, press Cancel');
  });

  it('someone else who refines is named beside the requester', async () => {
    const colour = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const byBob = expectProposal(await refine(repo, colour, 'darker', BOB));
    expect(byBob.preview.embeds?.[0]?.fields).toEqual([
      { name: 'Requested by', value: 'Alice', inline: true },
      { name: 'Refined by', value: 'Bob', inline: true },
    ]);
  });

  it('is planned against the base commit of the preview even after the default branch moved', async () => {
    const before = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const base = (before.proposal as { baseCommit: string }).baseCommit;
    const path = 'src/layouts/MarketingLayout.jsx';
    const file = join(repo.directory, path);
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('backdrop-blur-lg', 'backdrop-blur-md'));
      repo.git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-am', 'blur less');
      const tip = repo.git('rev-parse', 'main').trim();
      expect(tip).not.toBe(base);
      const darker = expectProposal(await refine(repo, before, 'darker'));
      expect((darker.proposal as { baseCommit: string }).baseCommit).toBe(base);
      expect(shown(darker)).toContain(`on \`main\` at \`${base.slice(0, 7)}\``);
      // The diff is against the previewed commit: the blur the default branch changed since is as it was.
      expect(diffOf(darker)).toContain('+      <header className="fixed inset-x-0 top-0 z-50 bg-blue-700/80 dark:bg-gray-950 backdrop-blur-lg border-b border-gray-200/50">');
      // Confirm then sees the file changed on main and says so, committing nothing.
      const done = await repo.agent.execute(executingTaskFor(darker, { taskId: 'tsk_moved' }), uxContext);
      expect(done.kind).toBe('failed');
      expect(done.message.embeds?.[0]?.description).toContain('`src/layouts/MarketingLayout.jsx` changed on `main` since the preview, so this diff no longer applies.');
    } finally {
      writeFileSync(file, original);
      repo.git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-am', 'blur as before');
    }
  });
});

describe('refining a hex colour on a plain CSS site', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(join(SITES, 'plain-css-site'));
  });
  afterAll(() => repo.remove());

  /** 10 % of OKLCH lightness, chroma kept inside sRGB: what "darker" and "lighter" promise. */
  const shifted = (hex: string, by: number) => {
    const c = culori();
    const oklch = c.converter('oklch')(hex);
    if (!oklch) throw new Error(hex);
    return c.formatHex(c.clampChroma({ ...oklch, l: oklch.l + by }, 'oklch'));
  };

  it('"darker" moves the hex 10 % in OKLCH lightness', async () => {
    const darker = await conversation(repo, 'make the header #336699', 'darker');
    const expected = shifted('#336699', -0.1);
    expect(shown(darker)).toContain(`\`#ffffff\` → \`${expected}\``);
    const branch = await repo.confirm(darker);
    expect(changedLines(repo.original('styles.css'), repo.git('show', `${branch}:styles.css`)).added).toEqual([`  background-color: ${expected};`]);
  });

  it('a named colour made lighter becomes a hex', async () => {
    const lighter = await conversation(repo, 'make the footer navy', 'lighter');
    expect(shown(lighter)).toContain(`\`#111827\` → \`${shifted('#000080', 0.1)}\``);
    expect(shown(lighter)).not.toContain('(navy)');
  });

  it('"bigger" again scales the CSS length once more from the base', async () => {
    const twice = await conversation(repo, 'make the hero headline bigger', 'bigger');
    expect(shown(twice)).toContain('`2.5rem` → `3.91rem`');
  });
});

describe('a question inside a refinement', () => {
  let site: Awaited<ReturnType<typeof seedSiteFromFiles>>;
  beforeAll(async () => {
    site = await seedSiteFromFiles(
      viteReactSite({ tailwindcss: '3' }, {
        'src/App.jsx': [
          'export default function App() {',
          '  return (',
          '    <>',
          '      <header className="bg-white"><a href="/">Acme</a><nav><a href="/pricing">Pricing</a><a href="/about">About</a></nav></header>',
          '      <main>',
          '        <section className="hero">',
          '          <h1 className="text-4xl">Ship faster</h1>',
          '          <a href="/signup" className="bg-blue-600">Get Started</a>',
          '          <a href="/docs" className="underline">Get Started</a>',
          '        </section>',
          '      </main>',
          '      <footer className="bg-gray-900"><p>© 2026 Acme</p></footer>',
          '    </>',
          '  );',
          '}',
          '',
        ].join('\n'),
      }),
    );
  });
  afterAll(() => site.cleanup());

  it('offers each place with the whole task, and a later refinement keeps the place picked', async () => {
    const { repo } = site;
    const colour = expectProposal(await repo.propose({ description: 'make the navbar blue' }));
    const asked = await refine(repo, colour, 'also change "Get Started" to "Start free"');
    if (asked.kind !== 'choice') throw new Error(`expected a choice, got ${asked.kind}: ${shown(asked)}`);
    expect(shown(asked)).toContain('The new change (the text `Get Started`): ');
    expect(asked.candidates.map((c) => c.label)).toEqual(['"Get Started" in src/App.jsx:9', '"Get Started" in src/App.jsx:8'].sort());
    const second = asked.candidates.find((c) => c.label.endsWith(':9'));
    if (!second) throw new Error('no candidate for line 9');
    // Picking one gives the whole amended preview: the colour and the new text.
    const chosen = picked(second);
    expect(shown(chosen)).toContain('**1. navbar**');
    expect(shown(chosen)).toContain('**2. home**');
    const renamed = expectProposal(await refine(repo, chosen, 'call it Read the docs'));
    const branch = await repo.confirm(renamed);
    const app = repo.git('show', `${branch}:src/App.jsx`);
    expect(app).toContain('<a href="/signup" className="bg-blue-600">Get Started</a>');
    expect(app).toContain('<a href="/docs" className="underline">Read the docs</a>');
    expect(app).toContain('<header className="bg-blue-600">');
  });
});
