import { PNG } from 'pngjs';
import { componentInteraction } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import type { ChangeScreenshots } from '../../lambda/core/ports/change-screenshots';
import { withScreenshotLines } from '../../lambda/core/domain/screenshot-lines';
import { answer, startPlatform, type Platform } from '../interactions/fixtures/platform';

/** A real 8×8 PNG, as the local before/after pair attaches four of. */
const png = (): Buffer => {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
};

/** Confirm's images as local mode's VALINE_SITE_PREVIEW attaches them: lines about them and the files. */
const screenshots: ChangeScreenshots = {
  attach: async (_task, message) =>
    withScreenshotLines(message, ['Screenshots of `/`: before (`main`) and after (`ux/header-1`), desktop and phone.'], [
      { name: 'desktop-before.png', contentType: 'image/png', data: png(), description: 'main, desktop 1280×800' },
      { name: 'desktop-after.png', contentType: 'image/png', data: png(), description: 'ux/header-1, desktop 1280×800' },
    ]),
};

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ changeScreenshots: screenshots });
});
afterAll(() => platform.close());
beforeEach(async () => {
  await platform.reset();
  platform.agent.executeWith((task) => ({
    kind: 'done',
    message: { content: `Draft pull request opened: https://github.example/acme/site/pull/7 (task ${task.taskId})` },
    branch: `valine/${task.taskId}`,
    pullRequest: { repository: 'acme/site', number: 7, url: 'https://github.example/acme/site/pull/7' },
  }));
});

interface Sent {
  content?: string;
  attachments?: Array<{ id: string; filename: string }>;
}

const confirm = async (taskId: string) => {
  expect(answer(await platform.send(componentInteraction(taskButtonId('confirm', taskId), '9000'))).type).toBe(7);
  await platform.idle();
};

describe("Confirm's answer with its images (issue 18, item 7)", () => {
  it('goes out with the images when Discord takes them', async () => {
    const taskId = await platform.proposeTask();
    const before = platform.discord.requests.length;
    await confirm(taskId);
    const [edit] = platform.discord.requests.slice(before);
    expect(edit?.method).toBe('PATCH');
    expect(edit?.files.map((f) => f.name)).toEqual(['desktop-before.png', 'desktop-after.png']);
    expect((edit?.body as Sent).attachments).toEqual([
      { id: '0', filename: 'desktop-before.png', description: 'main, desktop 1280×800' },
      { id: '1', filename: 'desktop-after.png', description: 'ux/header-1, desktop 1280×800' },
    ]);
  });

  it.each([
    [403, { code: 50013, message: 'Missing Permissions' }],
    [413, { message: 'Request entity too large' }],
    [400, { code: 50035, message: 'Invalid Form Body' }],
  ])('is shown again without them, saying why, when Discord refuses the upload with %i; never "could not be recorded"', async (status, refusal) => {
    const taskId = await platform.proposeTask();
    const before = platform.discord.requests.length;
    platform.discord.script({ status, body: refusal });
    await confirm(taskId);
    const [refused, shown, ...more] = platform.discord.requests.slice(before);
    expect(more).toEqual([]);
    expect(refused?.files).toHaveLength(2);
    expect(shown?.method).toBe('PATCH');
    expect(shown?.files).toEqual([]);
    const content = (shown?.body as Sent).content ?? '';
    expect(content).toMatch(new RegExp(`^Draft pull request opened: https://github\\.example/acme/site/pull/7 \\(task ${taskId}\\)`));
    expect(content).toContain(`The images could not be attached: Discord refused to edit the original message: HTTP ${status} ${refusal.message}`);
    expect(content).not.toMatch(/could not be recorded/);
    expect((shown?.body as Sent).attachments).toBeUndefined();
    expect((await platform.deps.tasks.get(taskId))?.status).toBe('pr_open');
  });
});
