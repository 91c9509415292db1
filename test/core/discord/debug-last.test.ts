import { debugLastReply } from '../../../lambda/core/discord/commands/debug-last';
import type { Task } from '../../../lambda/core/domain/task';

const task = (fields: Partial<Task>): Task => ({
  taskId: 'tsk_01HX9ABCDEF',
  agentId: 'ux',
  command: '/ux-update command:section:header text:"Hi"',
  options: {},
  status: 'failed',
  requesterId: '100000000000000001',
  requesterName: 'Alice',
  applicationId: '200000000000000002',
  interactionToken: 'aW50ZXJhY3Rpb246dG9rZW4',
  createdAt: '2026-03-01T10:20:00.000Z',
  updatedAt: '2026-03-01T10:20:00.000Z',
  confirmBy: '2026-03-01T11:20:00.000Z',
  expiresAt: 0,
  trace: [],
  version: 1,
  ...fields,
});

const content = (t: Task): string => {
  const reply = debugLastReply(t) as { data?: { content?: string } };
  return reply.data?.content ?? '';
};

describe('/debug-last stays within Discord\'s 2,000 characters after escaping', () => {
  // Four failed retries whose errors are backtick runs: escaping splits every pair, nearly doubling the text.
  const backtickRetries = Array.from({ length: 4 }, (_, attempt) => ({ at: '2026-03-01T10:21:00.000Z', event: `retry ${attempt + 1}`, detail: '`'.repeat(480) }));

  it('cuts after escaping, so the message fits and the fence still closes', () => {
    const text = content(task({ trace: backtickRetries, lastError: '```'.repeat(100) }));
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.startsWith('```\n')).toBe(true);
    expect(text.endsWith('…\n```')).toBe(true);
    // Inside the fence no two backticks touch, so nothing can close it early.
    expect(text.slice(4, -4)).not.toMatch(/``/);
  });

  it('is exactly 2,000 characters when the escaped text is one character too long, and whole when it fits', () => {
    const base = content(task({ lastError: '' })).length;
    const fits = 'x'.repeat(2000 - base - '\nlast error: '.length);
    const whole = content(task({ lastError: fits }));
    expect(whole).toHaveLength(2000);
    expect(whole).toContain(`last error: ${fits}\ntrace:`);
    const over = content(task({ lastError: `${fits}x` }));
    expect(over).toHaveLength(2000);
    expect(over.endsWith('…\n```')).toBe(true);
  });

  it('never ends on half of a surrogate pair', () => {
    for (let pad = 0; pad < 4; pad += 1) {
      const text = content(task({ lastError: `${'x'.repeat(pad)}${'😀'.repeat(1200)}` }));
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('still leaves the interaction token out', () => {
    const t = task({ trace: [{ at: '2026-03-01T10:21:00.000Z', event: 'edited', detail: 'token aW50ZXJhY3Rpb246dG9rZW4' }] });
    expect(content(t)).not.toContain('aW50ZXJhY3Rpb246dG9rZW4');
  });
});
