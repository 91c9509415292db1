import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseInteraction } from '../../lambda/local/activity-log';
import { localSettings } from '../../lambda/local/settings';
import { parseStandInArgs } from '../../lambda/local/stand-in/command-line';
import { runStandIn } from '../../lambda/local/stand-in/run';
import { fixtureDir } from '../support/fixture-sites';
import { recordingLogger } from '../support/recording-logger';

describe("local mode's log", () => {
  it('has one info line per interaction and per task move, with the command, task id, outcome and time, and nothing the user typed', async () => {
    const home = await mkdtemp(join(tmpdir(), 'valine-activity-'));
    const logger = recordingLogger();
    const settings = localSettings({ VALINE_HOME: home, PORT: '1', DISCORD_STAND_IN_PORT: '0', VALINE_SITE_SEED: fixtureDir('plain-html') }, home);
    const run = async (argv: string[]) => runStandIn(parseStandInArgs(argv), settings, { write: () => undefined, logger, followUpTimeoutMs: 20_000 });
    try {
      expect(await run(['/ux-update', 'command:section:header text:"Secret Spring sale"'])).toBe(0);
      expect(await run(['--click', 'confirm'])).toBe(0);
      const info = logger.lines.filter((line) => line.level === 'info');
      const interactions = info.filter((line) => line.message === 'Interaction');
      expect(interactions.map((line) => line.extra)).toEqual([
        { command: '/ux-update', outcome: 'deferred (thinking…)', ms: expect.any(Number) },
        // Clicked on the preview in the task's thread: answered with "Working on it…", a message of its own there.
        { command: 'button task:confirm', taskId: expect.stringMatching(/^[0-9a-f]{12}$/), outcome: 'answered', ms: expect.any(Number) },
      ]);
      const taskId = interactions[1]?.extra?.taskId;
      const moves = info.filter((line) => line.message.startsWith('Task ') && line.extra?.taskId === taskId).map((line) => `${line.message} ${String(line.extra?.to ?? line.extra?.status)}`);
      expect(moves).toEqual(['Task created awaiting_confirmation', 'Task moved executing', 'Task moved pr_open']);
      expect(info.filter((line) => line.message === 'Work done').map((line) => line.extra)).toEqual([
        { work: 'propose', command: '/ux-update', ms: expect.any(Number) },
        { work: 'confirm', taskId, ms: expect.any(Number) },
      ]);
      const everything = JSON.stringify(logger.lines);
      expect(everything).not.toContain('Secret Spring sale');
      expect(everything).not.toMatch(/aW50ZXJhY3Rpb246/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('names a refused interaction by its status only, and a component by its action', () => {
    expect(summariseInteraction('{"type":2,"data":{"name":"agents"}}', 401, 'Bad signature')).toEqual({ command: 'interaction', outcome: 'refused (HTTP 401)' });
    expect(summariseInteraction('{"type":3,"data":{"custom_id":"task:choose:abc123","component_type":3}}', 200, '{"type":7}')).toEqual({ command: 'select task:choose', taskId: 'abc123', outcome: 'message updated' });
    expect(summariseInteraction('{"type":3,"data":{"custom_id":"revert:abc123","component_type":2}}', 200, '{"type":5}')).toEqual({ command: 'button revert', taskId: 'abc123', outcome: 'deferred (thinking…)' });
    expect(summariseInteraction('{"type":2,"data":{"name":"<@everyone> hi"}}', 200, '{"type":4}')).toEqual({ command: '/?', outcome: 'answered' });
  });
});
