import { findCommand } from '../../core/discord/commands';

/** Who the stand-in acts as: `--as <user id>` (default: the stand-in user) holding `--roles <role ids>`. */
interface Acting {
  userId?: string;
  roleIds?: string[];
}

export type StandInRequest =
  /** `inThread`: typed in the last task's thread (a refinement of that task). */
  | ({ kind: 'command'; name: string; options: Record<string, string>; inThread?: boolean } & Acting)
  | ({ kind: 'click'; action: 'confirm' | 'cancel'; taskId?: string } & Acting)
  /** The Refine button, then its box submitted with `text`. */
  | ({ kind: 'refine'; text: string; taskId?: string } & Acting)
  /** `option` is 1-based, as the stand-in numbers the menu. */
  | ({ kind: 'pick'; option: number; taskId?: string } & Acting)
  /** Local mode's stand-in for a pull request's merge button: a confirmed branch merged into the default branch. */
  | { kind: 'merge'; branch?: string };

export class UsageError extends Error {}

export const USAGE = [
  'Usage:',
  '  npm run discord -- /agents',
  `  npm run discord -- /ux-update command:'section:header text:"Hi"'`,
  `  npm run discord -- /ux-update description:'make the footer say Made in Lyon'`,
  '  npm run discord -- --click confirm|cancel [--task <id>]   (default: the last preview or question)',
  `  npm run discord -- --click refine --text 'darker' [--task <id>]   the Refine button, its box submitted with the words`,
  `  npm run discord -- --in-thread /ux-update description:'also make the footer blue'   typed in the last task's thread`,
  '  npm run discord -- --pick <n> [--task <id>]               picks option n (as numbered) of the last question',
  '  npm run discord -- --merge [<branch>]                     merges the last confirmed branch (or that one) into main of the local site, as merging its pull request would',
  'Options: --as <discord user id> acts as someone else (to try the roles, or be a second approver);',
  '         --roles <role id,role id> gives them Discord roles (as in the <role>-role-ids flags). --user is the same as --as.',
].join('\n');

/** `--task <id>` after a click or a pick, or nothing. */
function readTask(args: readonly string[], at: number, what: string): string | undefined {
  if (args[at] === '--task') {
    const taskId = args[at + 1];
    if (!taskId) throw new UsageError('--task needs a task id.');
    if (args.length > at + 2) throw new UsageError(`Unexpected "${args[at + 2]}" after --task ${taskId}.`);
    return taskId;
  }
  if (args.length > at) throw new UsageError(`Unexpected "${args[at]}" after ${what}.`);
  return undefined;
}

/** Parses `/name option:value …` (a word without a known `option:` prefix continues the previous value), `--click` or `--pick`. */
export function parseStandInArgs(argv: readonly string[]): StandInRequest {
  const args = [...argv];
  let userId: string | undefined;
  let roleIds: string[] | undefined;
  for (const name of ['--as', '--user']) {
    const at = args.indexOf(name);
    if (at < 0) continue;
    userId = args[at + 1];
    if (!userId || !/^\d{5,25}$/.test(userId)) throw new UsageError(`${name} needs a Discord user id (digits), e.g. ${name} 200000000000000002.`);
    args.splice(at, 2);
  }
  const rolesAt = args.indexOf('--roles');
  if (rolesAt >= 0) {
    roleIds = (args[rolesAt + 1] ?? '').split(',').map((id) => id.trim()).filter((id) => id.length > 0);
    if (roleIds.length === 0 || !roleIds.every((id) => /^\d{5,25}$/.test(id))) {
      throw new UsageError('--roles needs comma-separated Discord role ids (digits), e.g. --roles 555555555555555555.');
    }
    args.splice(rolesAt, 2);
  }
  const acting: Acting = { ...(userId ? { userId } : {}), ...(roleIds ? { roleIds } : {}) };
  if (args[0] === '--merge') {
    if (userId || roleIds) throw new UsageError('--merge is not done as a Discord user; leave out --as and --roles.');
    if (args.length > 2) throw new UsageError(`Unexpected "${args[2]}" after --merge ${args[1]}.`);
    const branch = args[1];
    if (branch !== undefined && !/^(?!-)[\w./-]{1,200}$/.test(branch)) throw new UsageError('--merge takes the name of a branch, e.g. --merge ux/header-20260301-1020-7aa79c3d9453.');
    return branch === undefined ? { kind: 'merge' } : { kind: 'merge', branch };
  }
  const inThreadAt = args.indexOf('--in-thread');
  const inThread = inThreadAt >= 0;
  if (inThread) args.splice(inThreadAt, 1);
  if (args[0] === '--click' && args[1] === 'refine') {
    const textAt = args.indexOf('--text');
    const text = textAt >= 0 ? args[textAt + 1] : undefined;
    if (text === undefined) throw new UsageError(`--click refine needs the words for the box: --text 'darker'.`);
    args.splice(textAt, 2);
    return { kind: 'refine', text, taskId: readTask(args, 2, '--click refine'), ...acting };
  }
  if (args[0] === '--click') {
    const action = args[1];
    if (action !== 'confirm' && action !== 'cancel') throw new UsageError('--click needs "confirm", "cancel" or "refine".');
    return { kind: 'click', action, taskId: readTask(args, 2, `--click ${action}`), ...acting };
  }
  if (args[0] === '--pick') {
    const option = args[1] ?? '';
    if (!/^[1-9]\d{0,2}$/.test(option)) throw new UsageError('--pick needs the number of an option as the stand-in shows it (1, 2, …).');
    return { kind: 'pick', option: Number(option), taskId: readTask(args, 2, `--pick ${option}`), ...acting };
  }
  const [first, ...rest] = args;
  if (!first || !first.startsWith('/')) throw new UsageError('Start with a slash command such as /agents, or with --click, --pick or --merge.');
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
  return { kind: 'command', name, options, ...(inThread ? { inThread } : {}), ...acting };
}
