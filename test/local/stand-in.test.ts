import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSettings } from '../../lambda/local/settings';
import { parseStandInArgs, UsageError } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { renderMessage } from '../../lambda/local/stand-in/render';
import { startStandInDiscordApi } from '../../lambda/local/stand-in/discord-api';
import { recordingLogger } from '../support/recording-logger';
import { choiceOf, scriptedAgent } from '../interactions/fixtures/test-agent';

describe('the stand-in command line', () => {
  it('reads a command with options, a value with spaces and colons included', () => {
    expect(parseStandInArgs(['/ux-update', 'command:section:header text:"Hi there"'])).toEqual({
      kind: 'command',
      name: 'ux-update',
      options: { command: 'section:header text:"Hi there"' },
      userId: undefined,
    });
  });

  it('joins unquoted words into the previous option', () => {
    expect(parseStandInArgs(['/ux-update', 'description:make', 'the', 'footer', 'blue'])).toMatchObject({
      options: { description: 'make the footer blue' },
    });
  });

  it('reads clicks and --user', () => {
    expect(parseStandInArgs(['--click', 'confirm'])).toEqual({ kind: 'click', action: 'confirm', taskId: undefined, userId: undefined });
    expect(parseStandInArgs(['--click', 'cancel', '--task', 'abc', '--user', '123456789'])).toEqual({ kind: 'click', action: 'cancel', taskId: 'abc', userId: '123456789' });
  });

  it('reads --as (someone else, e.g. a second approver) and --roles (their Discord roles)', () => {
    expect(parseStandInArgs(['--as', '200000000000000002', '--click', 'confirm'])).toEqual({ kind: 'click', action: 'confirm', taskId: undefined, userId: '200000000000000002' });
    expect(parseStandInArgs(['/agents', '--as', '200000000000000002', '--roles', '555555555555555555,666666666666666666'])).toEqual({
      kind: 'command',
      name: 'agents',
      options: {},
      userId: '200000000000000002',
      roleIds: ['555555555555555555', '666666666666666666'],
    });
    expect(() => parseStandInArgs(['--as', 'bob', '--click', 'confirm'])).toThrow(new UsageError('--as needs a Discord user id (digits), e.g. --as 200000000000000002.'));
    expect(() => parseStandInArgs(['--roles', 'admins', '/agents'])).toThrow(/--roles needs comma-separated Discord role ids/);
  });

  it('reads --pick with the option as numbered, and an optional --task', () => {
    expect(parseStandInArgs(['--pick', '2'])).toEqual({ kind: 'pick', option: 2, taskId: undefined, userId: undefined });
    expect(parseStandInArgs(['--pick', '1', '--task', 'abc', '--user', '123456789'])).toEqual({ kind: 'pick', option: 1, taskId: 'abc', userId: '123456789' });
    expect(() => parseStandInArgs(['--pick', '0'])).toThrow(new UsageError('--pick needs the number of an option as the stand-in shows it (1, 2, …).'));
    expect(() => parseStandInArgs(['--pick', 'two'])).toThrow(/--pick needs the number of an option/);
    expect(() => parseStandInArgs(['--pick', '2', 'extra'])).toThrow(new UsageError('Unexpected "extra" after --pick 2.'));
  });

  it('explains what is wrong with a bad command line', () => {
    expect(() => parseStandInArgs(['--click', 'maybe'])).toThrow(new UsageError('--click needs "confirm", "cancel" or "refine".'));
    expect(() => parseStandInArgs(['ux-update'])).toThrow(/Start with a slash command/);
    expect(() => parseStandInArgs(['/ux-update', 'hello'])).toThrow(/"hello" is not an option of \/ux-update; write it as name:value \(options: command, description, section, page\)/);
  });
});

describe('rendering', () => {
  it('prints content, embeds and buttons as a user would see them', () => {
    const text = renderMessage({
      content: 'Preview',
      flags: 64,
      embeds: [{ title: 'Diff', description: '-a\n+b', fields: [{ name: 'File', value: 'index.html' }] }],
      components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Confirm', custom_id: 'x' }, { type: 2, style: 2, label: 'Working…', disabled: true }] }],
    });
    expect(text).toBe(['┌─ Valine (only you can see this)', '│ Preview', '│ ▌ Diff', '│ ▌ -a', '│ ▌ +b', '│ ▌ File', '│ ▌   index.html', '│ [ Confirm ] [ Working… (disabled) ]', '└─'].join('\n'));
  });
});

describe('rendering a question', () => {
  it('prints the select menu\'s options numbered as --pick takes them, with their description lines', () => {
    const text = renderMessage({
      content: 'Which heading?',
      components: [
        {
          type: 1,
          components: [{ type: 3, custom_id: 'task:choose:abc', placeholder: 'Pick the one you mean', options: [{ label: 'Hero heading', value: '0', description: 'src/Hero.jsx:12' }, { label: 'Footer line', value: '1' }] }],
        },
        { type: 1, components: [{ type: 2, style: 4, label: 'Cancel', custom_id: 'task:cancel:abc' }] },
      ],
    });
    expect(text).toBe(['┌─ Valine', '│ Which heading?', '│ [ Pick the one you mean ▾ ]', '│   1. Hero heading', '│      src/Hero.jsx:12', '│   2. Footer line', '│ [ Cancel ]', '└─'].join('\n'));
  });
});

describe('npm run discord', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'valine-stand-in-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('proposes, remembers the preview and confirms it across two runs, starting its own server each time', async () => {
    const settings = localSettings({ VALINE_HOME: home, PORT: '1', DISCORD_STAND_IN_PORT: '0' }, home);
    const agent = scriptedAgent();
    const run = async (argv: string[]) => {
      const output: string[] = [];
      const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 10_000, agents: [agent] });
      return { code, text: output.join('\n') };
    };

    const proposed = await run(['/ux-update', 'command:section:header text:"Hi"']);
    expect(proposed.code).toBe(0);
    expect(proposed.text).toMatch(/No local server answers on port 1, so this command runs one itself/);
    expect(proposed.text).toMatch(/Valine is thinking…/);
    // The channel's one line for the task, its thread indented below it, and the requester's private note linking there.
    expect(proposed.text).toMatch(/── Valine started the thread "section:header text:"Hi"": the channel shows this one line/);
    expect(proposed.text).toMatch(/ {4}┌─ Valine in the thread "section:header text:"Hi""\n {4}│ Preview: header → "section:header text:"Hi""[\s\S]*\[ Confirm \] \[ Cancel \] \[ Refine \]/);
    expect(proposed.text).toMatch(/┌─ Valine \(message edited\) \(only you can see this\)\n│ Your preview is posted for everyone in the thread #section:header text:"Hi": Confirm, Cancel or Refine it there\./);

    const confirmed = await run(['--click', 'confirm']);
    expect(confirmed.code).toBe(0);
    expect(confirmed.text).toMatch(/> clicks Confirm on task [0-9a-f]{12}/);
    // "Working…" is a message of its own in the thread; the preview above it loses its buttons; "Working…" becomes the outcome.
    expect(confirmed.text).toMatch(/ {4}┌─ Valine in the thread "section:header text:"Hi""\n {4}│ Confirmed by Local Developer\. Working on it…\n {4}│ \[ Working… \(disabled\) \] \[ Cancel \(disabled\) \]/);
    expect(confirmed.text).toMatch(/ {4}\(the buttons under the earlier message are taken away: it is no longer open\)/);
    expect(confirmed.text).toMatch(/ {4}┌─ Valine \(message edited\) in the thread "section:header text:"Hi""\n {4}│ Opened a draft pull request for task [0-9a-f]{12}/);
    expect(agent.executed).toHaveLength(1);
  });

  it('refines the preview with --click refine --text, shows the task thread, takes words typed --in-thread, and marks what only the person sees', async () => {
    const refineHome = await mkdtemp(join(tmpdir(), 'valine-stand-in-refine-'));
    try {
      const settings = localSettings({ VALINE_HOME: refineHome, PORT: '1', DISCORD_STAND_IN_PORT: '0' }, refineHome);
      const agent = scriptedAgent();
      const run = async (argv: string[]) => {
        const output: string[] = [];
        const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 10_000, agents: [agent] });
        return { code, text: output.join('\n') };
      };
      const proposed = await run(['/ux-update', 'description:make the header say Hi']);
      expect(proposed.text).toMatch(/── Valine started the thread "make the header say Hi"[^\n]*\n {4}┌─ Valine in the thread "make the header say Hi"\n {4}│ Preview: header[\s\S]*\[ Confirm \] \[ Cancel \] \[ Refine \]/);

      // The box is opened on the preview in the thread; the amended preview is posted below it, which loses its buttons.
      const refined = await run(['--click', 'refine', '--text', 'darker']);
      expect(refined.code).toBe(0);
      expect(refined.text).toMatch(/> clicks Refine on task [0-9a-f]{12}\n┌─ Refine this preview \(a box only you see\)\n│ What should change\? \[ darker \]/);
      expect(refined.text).toMatch(/> submits "darker"\n {4}┌─ Valine in the thread "make the header say Hi"\n {4}│ Preview: header → "make the header say Hi" refined: darker[\s\S]*\n {4}\(the buttons under the earlier message are taken away/);

      const inThread = await run(['--in-thread', '/ux-update', 'description:also make the footer blue']);
      expect(inThread.text).toMatch(/^\(in the thread "make the header say Hi"\) > \/ux-update description:also make the footer blue/m);
      expect(inThread.text).toMatch(/ {4}┌─ Valine in the thread "make the header say Hi" \(only you can see this\)\n {4}│ Valine is thinking…/);
      expect(inThread.text).toMatch(/ {4}┌─ Valine in the thread "make the header say Hi"\n {4}│ Preview: header → "make the header say Hi" refined: darker · also make the footer blue/);
      expect(inThread.text).toMatch(/ {4}┌─ Valine \(message edited\) in the thread "make the header say Hi" \(only you can see this\)\n {4}│ Refined: the amended preview is the newest message of this thread/);

      agent.refineWith(() => ({ kind: 'rejected', message: { content: '`bigger` changes a text size, and this task changes none.' } }));
      const refused = await run(['--click', 'refine', '--text', 'bigger']);
      expect(refused.text).toMatch(/ {4}┌─ Valine in the thread "make the header say Hi" \(only you can see this\)\n {4}│ `bigger` changes a text size/);
      expect(agent.refined.map((r) => r.text)).toEqual(['darker', 'also make the footer blue', 'bigger']);
    } finally {
      await rm(refineHome, { recursive: true, force: true });
    }
  });

  it('tries a second approver: the requester\'s own Confirm is refused, another user\'s (--as) goes through', async () => {
    const approverHome = await mkdtemp(join(tmpdir(), 'valine-stand-in-approver-'));
    try {
      const settings = localSettings({ VALINE_HOME: approverHome, PORT: '1', DISCORD_STAND_IN_PORT: '0' }, approverHome);
      const agent = scriptedAgent();
      const run = async (argv: string[]) => {
        const output: string[] = [];
        const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 10_000, agents: [agent] });
        return { code, text: output.join('\n') };
      };
      expect((await run(['/ux-update', 'command:section:header text:"Hi"'])).code).toBe(0);
      const flags = JSON.parse(await readFile(settings.flagsFile, 'utf8'));
      await writeFile(settings.flagsFile, JSON.stringify({ ...flags, 'require-second-approver': 'true', 'developer-user-ids': '200000000000000002' }));

      const own = await run(['--click', 'confirm']);
      expect(own.text).toMatch(/This change needs a second approver: someone else who may confirm \(roles admin, pm or developer\) must click Confirm\./);
      expect(agent.executed).toHaveLength(0);

      const other = await run(['--as', '200000000000000002', '--click', 'confirm']);
      expect(other.text).toMatch(/\(acting as user-200000000000000002 200000000000000002\)/);
      expect(other.text).toMatch(/Requested by Local Developer · approved by user-200000000000000002/);
      expect(agent.executed).toHaveLength(1);
    } finally {
      await rm(approverHome, { recursive: true, force: true });
    }
  });

  it('shows a question numbered, picks an option with --pick, and confirms the preview it became', async () => {
    const questionHome = await mkdtemp(join(tmpdir(), 'valine-stand-in-pick-'));
    try {
      const settings = localSettings({ VALINE_HOME: questionHome, PORT: '1', DISCORD_STAND_IN_PORT: '0' }, questionHome);
      const agent = scriptedAgent();
      agent.proposeWith(() => choiceOf(3));
      const run = async (argv: string[]) => {
        const output: string[] = [];
        const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 10_000, agents: [agent] });
        return { code, text: output.join('\n') };
      };

      const nothing = await run(['--pick', '1']);
      expect(nothing.code).toBe(1);
      expect(nothing.text).toMatch(/There is no question to pick from yet/);

      const asked = await run(['/ux-update', 'description:make the title say Spring sale']);
      expect(asked.code).toBe(0);
      expect(asked.text).toMatch(/ {4}│ \[ Pick the one you mean ▾ \]\n {4}│   1\. Hero heading 1\n {4}│      src\/components\/Hero\.jsx:11\n {4}│   2\. Hero heading 2\n[\s\S]*│ \[ Cancel \]/);

      const tooFar = await run(['--pick', '4']);
      expect(tooFar.code).toBe(1);
      expect(tooFar.text).toMatch(/The last question offers 3 options; pick one of 1 to 3\./);

      const picked = await run(['--pick', '2']);
      expect(picked.code).toBe(0);
      expect(picked.text).toMatch(/> picks option 2 "Hero heading 2" on task [0-9a-f]{12}/);
      expect(picked.text).toMatch(/Valine \(message updated\) in the thread "make the title say Spring sale"\n {4}│ Preview of candidate 2: "Spring sale"[\s\S]*\[ Confirm \] \[ Cancel \]/);

      const confirmed = await run(['--click', 'confirm']);
      expect(confirmed.code).toBe(0);
      expect(agent.executed.map((t) => t.proposal)).toEqual([{ candidate: 2 }]);
    } finally {
      await rm(questionHome, { recursive: true, force: true });
    }
  });

  it('reverts a commit of the local site repository with /revert target:<sha> and --click confirm, through the real agents', async () => {
    const revertHome = await mkdtemp(join(tmpdir(), 'valine-stand-in-revert-'));
    try {
      const site = join(revertHome, 'site');
      await mkdir(site);
      const git = (...args: string[]) => execFileSync('git', ['-C', site, '-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
      git('init', '-q', '-b', 'main');
      await writeFile(join(site, 'index.html'), '<h1>Welcome</h1>\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'Site');
      await writeFile(join(site, 'index.html'), '<h1>Spring sale</h1>\n');
      git('commit', '-q', '-am', 'Spring sale');
      const sha = git('rev-parse', 'HEAD');
      const settings = localSettings({ VALINE_HOME: revertHome, PORT: '1', DISCORD_STAND_IN_PORT: '0' }, revertHome);
      const run = async (argv: string[]) => {
        const output: string[] = [];
        const code = await runStandIn(parseStandInArgs(argv), settings, { write: (t) => output.push(t), logger: recordingLogger(), followUpTimeoutMs: 10_000 });
        return { code, text: output.join('\n') };
      };

      const proposed = await run(['/revert', `target:${sha.slice(0, 7)}`]);
      expect(proposed.code).toBe(0);
      expect(proposed.text).toMatch(/Revert · commit [0-9a-f]{7}[\s\S]*-<h1>Spring sale<\/h1>\n {4}│ ▌ \+<h1>Welcome<\/h1>[\s\S]*\[ Confirm \] \[ Cancel \]/);
      const confirmed = await run(['--click', 'confirm']);
      expect(confirmed.code).toBe(0);
      expect(confirmed.text).toContain(`Branch revert/${sha.slice(0, 7)}-`);
      const branch = git('branch', '--list', 'revert/*', '--format=%(refname:short)');
      expect(git('show', `${branch}:index.html`)).toBe('<h1>Welcome</h1>');
      expect(git('log', '-1', '--format=%s', branch)).toBe('Revert "Spring sale"');
    } finally {
      await rm(revertHome, { recursive: true, force: true });
    }
  });
});

describe("the stand-in's Discord API saving an upload (issue 18, low)", () => {
  it('saves files named ".", "..", with slashes or twice inside the message folder, and keeps serving', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'valine-uploads-'));
    const api = await startStandInDiscordApi(0, folder);
    try {
      const form = new FormData();
      form.append('payload_json', JSON.stringify({ content: 'shots' }));
      for (const [index, name] of ['.', '..', '../../escape.png', 'a/b/c.png', '..\\\\win.png', 'c.png', '.hidden'].entries()) {
        form.append(`files[${index}]`, new Blob([Buffer.from(name)]), name);
      }
      const response = await fetch(`${api.baseUrl}/channels/400000000000000004/messages`, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      const saved = api.received[0]?.savedFiles ?? [];
      expect(saved.map((path) => path.split('/').pop())).toEqual(['file', '2-file', 'escape.png', 'c.png', 'win.png', '2-c.png', 'hidden']);
      for (const path of saved) expect(path.startsWith(`${folder}/`)).toBe(true);
      expect(await readFile(saved[1] ?? '', 'utf8')).toBe('..');
      // Still answering.
      expect((await fetch(`${api.baseUrl}/channels/400000000000000004/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"content":"next"}' })).status).toBe(200);
    } finally {
      await api.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
