import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalServer, type LocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';
import { freePort } from '../../lambda/local/site-preview/site-server';
import { parseStandInArgs } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { runUxMap } from '../../lambda/local/ux-map';
import { recordingLogger } from '../support/recording-logger';

/**
 * README.md's "Try it locally", run as written: every command of the section's code blocks, in
 * order, against a local server on the sample site, each checked against what the README says
 * next to it. A command or a comment this test does not know fails it: a changed README is what
 * is tested, so a new step needs its check here.
 */
const ROOT = resolve(__dirname, '../..');

interface ReadmeStep {
  command: string;
  says: string;
}

/** The commands of the section's fenced blocks, each with its `# comment`. */
function readmeSteps(): ReadmeStep[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Try it locally');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end);
  const steps: ReadmeStep[] = [];
  for (const block of section.matchAll(/```bash\n([\s\S]*?)```/g)) {
    for (const line of (block[1] ?? '').split('\n')) {
      if (line.trim() === '') continue;
      const comment = /^(.*?)\s{2,}#\s(.*)$/.exec(line);
      steps.push({ command: (comment?.[1] ?? line).trim(), says: comment?.[2]?.trim() ?? '' });
    }
  }
  return steps;
}

/** A command line's words as sh would split them (single and double quotes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface Run {
  code: number;
  output: string;
}

interface Context {
  site: string;
  git: (...args: string[]) => string;
  /** Everything printed so far, for placeholders such as <sha>. */
  printed: string[];
}

/** What each step must show, found by its command and by what the README says of it. */
const CHECKS: Array<{ command: RegExp; says: RegExp; check: (run: Run, context: Context) => void }> = [
  {
    command: /^npm run discord -- \/agents$/,
    says: /as the stand-in user you are admin/,
    check: ({ output }) => {
      expect(output).toMatch(/UX Agent — on[\s\S]*Revert Agent — on/);
      expect(output).toMatch(/You: admin and contributor/);
    },
  },
  {
    command: /^npm run discord -- \/ux-map$/,
    says: /sections, properties, file:line/,
    check: ({ output }) => {
      for (const section of ['header', 'navbar', 'footer', 'home']) expect(output).toMatch(new RegExp(`│ ▌ ${section} — <\\w+> in \\S+\\.tsx:\\d+`));
      expect(output).toMatch(/\(color\): src\/pages\/Home\.tsx:\d+/);
      // The sample's own map, as the README says under the block.
      expect(output).toContain('(text, from the site map)');
    },
  },
  {
    command: /^npm run discord -- \/ux-update command:/,
    says: /a preview: the diff, Confirm, Cancel and Refine, in a thread of its own/,
    check: ({ output }) => {
      expect(output).toMatch(/UX update · header[\s\S]*```diff[\s\S]*\+ {6}<h1 data-ux="header-text">Spring sale<\/h1>[\s\S]*\[ Confirm \] \[ Cancel \] \[ Refine \]/);
      expect(output).toMatch(/── Valine started the thread "section:header text:"Spring sale" color:navy": the channel shows this one line/);
      expect(output).toMatch(/Your preview is posted for everyone in the thread #section:header text:"Spring sale" color:navy/);
    },
  },
  {
    command: /^npm run discord -- --click refine --text 'darker'$/,
    says: /Refine the open preview: the same task, a new diff/,
    check: ({ output }) => {
      expect(output).toMatch(/> submits "darker"/);
      // navy (#000080) one step darker: 10 % of OKLCH lightness, on the same task's preview.
      expect(output).toMatch(/Valine in the thread "section:header text:"Spring sale" color:navy"[\s\S]*\*\*color\*\*: `#1f2937` → `#00053a`[\s\S]*\+ {2}--header-color: #00053a;[\s\S]*\[ Confirm \] \[ Cancel \] \[ Refine \]/);
    },
  },
  {
    command: /^npm run discord -- --in-thread \/ux-update description:'also make the footer blue'$/,
    says: /typed in the task's thread: one more change, one preview/,
    check: ({ output }) => {
      expect(output).toMatch(/\(in the thread "section:header text:"Spring sale" color:navy"\)/);
      expect(output).toMatch(/UX update · header, footer[\s\S]*\*\*1\. header\*\*[\s\S]*\*\*2\. footer\*\*[\s\S]*\+ {2}--footer-color: #0000ff;/);
    },
  },
  {
    command: /^npm run discord -- --in-thread \/ux-update description:'undo that'$/,
    says: /typed in that task's thread: cancels it, nothing changed/,
    check: ({ output }) => {
      expect(output).toMatch(/Cancelled by Local Developer\. Nothing was changed \(task `[0-9a-f]+`\)\./);
    },
  },
  {
    command: /^npm run discord -- --as \d+ --click confirm$/,
    says: /as another user: refused, no flag gives them a role/,
    check: ({ output }, { git }) => {
      expect(output).toMatch(/\(acting as user-700000000000000007 700000000000000007\)/);
      expect(output).toMatch(/Only admin, pm or developer may confirm UX Agent's changes, and you are a contributor\./);
      expect(git('branch', '--list', 'ux/*')).toBe('');
    },
  },
  {
    command: /^npm run discord -- --click confirm$/,
    says: /commits a branch in \.valine\/site and prints the git diff command/,
    check: ({ output }, { git, site }) => {
      const branch = new RegExp(`git -C ${site} diff main\\.\\.(ux/header-\\S+)`).exec(output)?.[1];
      expect(branch).toBeDefined();
      expect(git('show', `${branch}:src/components/Header.tsx`)).toContain('<h1 data-ux="header-text">Spring sale</h1>');
    },
  },
  {
    command: /^npm run discord -- \/ux-update description:/,
    says: /a question with a menu/,
    check: ({ output }) => {
      expect(output).toMatch(/│ \[ Pick the one you mean ▾ \]\n {4}│ {3}1\. .+\n {4}│ {6}src\/pages\/Home\.css:\d+\n {4}│ {3}2\. .+\n {4}│ {6}src\/pages\/Home\.css:\d+\n {4}│ \[ Cancel \]/);
    },
  },
  {
    command: /^npm run discord -- --pick 2$/,
    says: /option 2 of the menu: the preview of that place/,
    check: ({ output }) => {
      expect(output).toMatch(/> picks option 2 /);
      expect(output).toMatch(/cta-color[\s\S]*#60a5fa[\s\S]*→[\s\S]*#008000[\s\S]*\[ Confirm \] \[ Cancel \]/);
    },
  },
  {
    command: /^npm run discord -- --merge$/,
    says: /merges the confirmed branch into main of \.valine\/site, as merging its pull request would; prints the \/revert command/,
    check: ({ output }, { git }) => {
      const branch = /Merged (ux\/header-\S+) into main of \S+ as ([0-9a-f]{7,})/.exec(output);
      expect(branch).not.toBeNull();
      git('merge-base', '--is-ancestor', branch?.[1] ?? '', 'main');
      expect(git('rev-parse', '--short', 'main')).toBe(branch?.[2]);
      expect(output).toContain(`npm run discord -- /revert target:${branch?.[2]}`);
    },
  },
  {
    command: /^npm run discord -- \/revert target:/,
    says: /the reverse diff of that merge/,
    check: ({ output }) => {
      expect(output).toMatch(/Revert · commit [0-9a-f]{7}/);
      expect(output).toMatch(/merge commit `[0-9a-f]{7}`/);
      expect(output).toMatch(/│ ▌ - {6}<h1 data-ux="header-text">Spring sale<\/h1>\n {4}│ ▌ \+ {6}<h1 data-ux="header-text">Welcome to Acme<\/h1>/);
      expect(output).toMatch(/\[ Confirm \] \[ Cancel \]/);
    },
  },
  {
    command: /^npm run discord -- --click confirm$/,
    says: /commits the revert on a branch revert\/<sha>-<task>/,
    check: ({ output }, { git }) => {
      const branch = /Branch (revert\/[0-9a-f]{7}-[0-9a-f]{12}) committed/.exec(output)?.[1];
      expect(branch).toBeDefined();
      expect(git('show', `${branch}:src/components/Header.tsx`)).toContain('<h1 data-ux="header-text">Welcome to Acme</h1>');
    },
  },
  {
    command: /^npm run ux-map -- examples\/sites\/\S+$/,
    says: /discovery alone, on a site without a site map, no server needed/,
    check: ({ code, output }) => {
      expect(code).toBe(0);
      expect(output).toMatch(/^header — /m);
      expect(output).not.toMatch(/site map/);
    },
  },
  {
    command: /^npm run (bench|bench:[a-z-]+)( -- \S+)?$/,
    says: /./,
    // Minutes each: the test checks the script exists, the bench suites have their own tests.
    check: () => undefined,
  },
];

/** `<placeholder>` in a command, filled from what an earlier step printed of the same command. */
function fillPlaceholders(command: string, printed: readonly string[]): string {
  if (!/<[^>]+>/.test(command)) return command;
  const pattern = new RegExp(command.split(/<[^>]+>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(\\S+)'));
  for (const text of [...printed].reverse()) {
    const found = pattern.exec(text);
    if (found) {
      let group = 1;
      return command.replace(/<[^>]+>/g, () => found[group++] ?? '');
    }
  }
  throw new Error(`Nothing printed before "${command}" shows what to put in its placeholder.`);
}

describe("README.md's Try it locally", () => {
  let home: string;
  let server: LocalServer;
  let settings: ReturnType<typeof localSettings>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'valine-readme-'));
    const standInPort = String(await freePort());
    // The sample site, as on a fresh clone: no VALINE_SITE_SEED, examples/site from the repository root.
    server = await startLocalServer({ settings: localSettings({ VALINE_HOME: home, PORT: '0', DISCORD_STAND_IN_PORT: standInPort }, ROOT), env: {}, logger: recordingLogger() });
    settings = localSettings({ VALINE_HOME: home, PORT: String(server.port), DISCORD_STAND_IN_PORT: standInPort }, ROOT);
  });
  afterAll(async () => {
    await server.close();
    await rm(home, { recursive: true, force: true });
  });

  it('does what it says next to each command, in order, on the sample site', async () => {
    const steps = readmeSteps();
    expect(steps.length).toBeGreaterThan(5);
    const site = join(home, 'site');
    const context: Context = { site, git: (...args) => execFileSync('git', ['-C', site, ...args], { encoding: 'utf8' }).trim(), printed: [] };
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const step of steps) {
      const checks = CHECKS.filter((c) => c.command.test(step.command) && c.says.test(step.says));
      if (checks.length !== 1) throw new Error(`README step "${step.command}  # ${step.says}" has ${checks.length} checks here; say in test/local/readme-try-it-locally.test.ts what it must show.`);
      const command = fillPlaceholders(step.command, context.printed);
      const [npm, verb, script, dashes, ...args] = shellWords(command);
      expect([npm, verb, dashes ?? '--']).toEqual(['npm', 'run', '--']);
      expect(scripts[script ?? '']).toBeDefined();
      const output: string[] = [];
      let code = 0;
      if (script === 'discord') {
        code = await runStandIn(parseStandInArgs(args), settings, { write: (text) => output.push(text), logger: recordingLogger(), followUpTimeoutMs: 15_000 });
      } else if (script === 'ux-map') {
        code = runUxMap(args, { cwd: ROOT, write: (line) => output.push(line) });
      } else if (!script?.startsWith('bench')) {
        throw new Error(`README step "${step.command}" runs npm run ${script}, which this test cannot run yet.`);
      }
      const run = { code, output: output.join('\n') };
      try {
        if (script === 'discord') expect(code).toBe(0);
        checks[0]?.check(run, context);
      } catch (error) {
        throw new Error(`README step "${command}" (${step.says}) did not do that:\n${(error as Error).message}\n--- its output ---\n${run.output}`);
      }
      context.printed.push(run.output);
      if (process.env.SHOW_README_RUN) process.stdout.write(`$ ${command}\n${run.output}\n[exit ${code}]\n\n`);
    }
  });
});
