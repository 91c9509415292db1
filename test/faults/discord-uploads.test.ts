import { componentInteraction, STAND_IN_APPLICATION_ID, STAND_IN_USER } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { withScreenshotLines } from '../../lambda/core/domain/screenshot-lines';
import { createWorker } from '../../lambda/worker/handler';
import { startPlatform, type Platform } from '../interactions/fixtures/platform';

/** The fault-injection suite, Discord refusing uploads: Confirm's answer with its images is refused; the answer is shown without them and says why. */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('Discord refusing the uploads of Confirm\'s answer (fault-injection suite)', () => {
  it.each([
    [413, 'Request entity too large', 40005],
    [403, 'Missing Permissions', 50013],
  ])('HTTP %s: the result is shown without the images, saying why, and the task is recorded once', async (status, message, code) => {
    await platform.reset();
    const taskId = await platform.proposeTask();
    const payload = componentInteraction(taskButtonId('confirm', taskId), '9000');
    const worker = createWorker({
      ...platform.workerDeps,
      changeScreenshots: { attach: async (_task, answer) => withScreenshotLines(answer, ['Screenshots of `/`: before and after.'], [{ name: 'desktop-after.png', contentType: 'image/png', data: PNG }]) },
    });
    const before = platform.discord.requests.length;
    platform.discord.script({ status, body: { message, code } });
    await worker({ kind: 'confirm', taskId, interaction: { interactionId: payload.id, applicationId: STAND_IN_APPLICATION_ID, token: payload.token, requester: { id: STAND_IN_USER.id, name: 'Local Developer', roles: [] } } });
    const edits = platform.discord.requests.slice(before);
    expect(edits.map((r) => r.files.length)).toEqual([1, 0]);
    const last = edits.at(-1)?.body as { content: string };
    expect(last.content).toMatch(/^Draft pull request opened|^Opened a draft pull request/);
    // Why, in Discord's own words.
    expect(last.content).toMatch(new RegExp(`could not be attached.*HTTP ${status} ${message}`));
    expect(last.content).not.toMatch(/could not be recorded/);
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });
});
