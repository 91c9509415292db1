import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSettings } from '../../lambda/local/settings';
import { parseStandInArgs, UsageError } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { renderMessage } from '../../lambda/local/stand-in/render';
import { recordingLogger } from '../support/recording-logger';
import { scriptedAgent } from '../interactions/fixtures/test-agent';

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

  it('explains what is wrong with a bad command line', () => {
    expect(() => parseStandInArgs(['--click', 'maybe'])).toThrow(new UsageError('--click needs "confirm" or "cancel".'));
    expect(() => parseStandInArgs(['ux-update'])).toThrow(/Start with a slash command/);
    expect(() => parseStandInArgs(['/ux-update', 'hello'])).toThrow(/"hello" is not an option of \/ux-update; write it as name:value \(options: command, description\)/);
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
    expect(proposed.text).toMatch(/Valine \(message edited\)\n│ Preview: header → "section:header text:"Hi""[\s\S]*\[ Confirm \] \[ Cancel \]/);

    const confirmed = await run(['--click', 'confirm']);
    expect(confirmed.code).toBe(0);
    expect(confirmed.text).toMatch(/> clicks Confirm on task [0-9a-f]{12}/);
    expect(confirmed.text).toMatch(/\[ Working… \(disabled\) \] \[ Cancel \(disabled\) \]/);
    expect(confirmed.text).toMatch(/Opened a draft pull request for task [0-9a-f]{12}/);
    expect(agent.executed).toHaveLength(1);
  });
});
