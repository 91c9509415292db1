import { findCommand } from '../../core/discord/commands';

export type StandInRequest =
  | { kind: 'command'; name: string; options: Record<string, string>; userId?: string }
  | { kind: 'click'; action: 'confirm' | 'cancel'; taskId?: string; userId?: string };

export class UsageError extends Error {}

export const USAGE = [
  'Usage:',
  '  npm run discord -- /agents',
  `  npm run discord -- /ux-update command:'section:header text:"Hi"'`,
  `  npm run discord -- /ux-update description:'make the footer say Made in Lyon'`,
  '  npm run discord -- --click confirm|cancel [--task <id>]   (default: the last preview)',
  'Options: --user <discord user id> acts as someone else (to try the admin checks).',
].join('\n');

/** Parses `/name option:value …` (a word without a known `option:` prefix continues the previous value) or `--click`. */
export function parseStandInArgs(argv: readonly string[]): StandInRequest {
  const args = [...argv];
  let userId: string | undefined;
  const userAt = args.indexOf('--user');
  if (userAt >= 0) {
    userId = args[userAt + 1];
    if (!userId || !/^\d{5,25}$/.test(userId)) throw new UsageError('--user needs a Discord user id (digits).');
    args.splice(userAt, 2);
  }
  if (args[0] === '--click') {
    const action = args[1];
    if (action !== 'confirm' && action !== 'cancel') throw new UsageError('--click needs "confirm" or "cancel".');
    let taskId: string | undefined;
    if (args[2] === '--task') {
      taskId = args[3];
      if (!taskId) throw new UsageError('--task needs a task id.');
    } else if (args.length > 2) throw new UsageError(`Unexpected "${args[2]}" after --click ${action}.`);
    return { kind: 'click', action, taskId, userId };
  }
  const [first, ...rest] = args;
  if (!first || !first.startsWith('/')) throw new UsageError('Start with a slash command such as /agents, or with --click.');
  const name = first.slice(1);
  const known = findCommand(name)?.options.map((o) => o.name) ?? [];
  const options: Record<string, string> = {};
  let current: string | undefined;
  for (const word of rest) {
    const colon = word.indexOf(':');
    const key = colon > 0 ? word.slice(0, colon) : '';
    if (known.includes(key) || (known.length === 0 && colon > 0)) {
      current = key;
      options[key] = word.slice(colon + 1);
    } else if (current) {
      options[current] = `${options[current]} ${word}`;
    } else {
      throw new UsageError(`"${word}" is not an option of /${name}; write it as name:value${known.length ? ` (options: ${known.join(', ')})` : ''}.`);
    }
  }
  return { kind: 'command', name, options, userId };
}
