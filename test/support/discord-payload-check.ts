/**
 * Jest setup (setupFilesAfterEnv): a test fails when the bot sent Discord a payload Discord would refuse
 * (recorded by the loopback Discord and the test platform; test/support/discord-payloads.ts).
 */
const VIOLATIONS = Symbol.for('valine.discord-payload-violations');

const report = (): void => {
  const pending = (globalThis as typeof globalThis & { [VIOLATIONS]?: unknown[] })[VIOLATIONS];
  if (!pending || pending.length === 0) return;
  // Loaded only when there is something to say: most test files never touch Discord.
  const { takeViolationReport } = require('./discord-payloads') as typeof import('./discord-payloads');
  const text = takeViolationReport();
  if (text) throw new Error(text);
};

afterEach(report);
afterAll(report);
