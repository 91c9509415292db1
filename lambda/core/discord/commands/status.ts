import { FLAG_NAMES, type FlagValues } from '../../contract/flags';
import { DISCORD_LIMITS, EPHEMERAL, type Embed } from '../../domain/discord-message';
import { plainText, shorten } from '../../domain/discord-text';
import { AWAITING_STATUSES, isExpired, type Task } from '../../domain/task';
import type { InteractionDeps } from '../interaction-deps';
import { reply, type InteractionResponse } from '../responses';

/** Both lookups run in parallel and are bounded, so /status answers inside Discord's 3 s. */
const LOOKUP_TIMEOUT_MS = 1200;

function withTimeout<T>(promise: Promise<T>): Promise<T | 'unavailable'> {
  return Promise.race([
    promise.catch(() => 'unavailable' as const),
    new Promise<'unavailable'>((resolve) => setTimeout(() => resolve('unavailable'), LOOKUP_TIMEOUT_MS).unref()),
  ]);
}

// Discord rejects the whole answer when a field is longer than 1024 characters.
const fieldValue = (text: string): string => shorten(text, DISCORD_LIMITS.fieldValue);

const LISTED_IDS = 10;
const formatList = (ids: readonly string[]): string =>
  ids.length === 0 ? 'none' : ids.length <= LISTED_IDS ? ids.join(', ') : `${ids.slice(0, LISTED_IDS).join(', ')} (+${ids.length - LISTED_IDS} more)`;
const formatFlag = (value: FlagValues[keyof FlagValues]): string =>
  Array.isArray(value) ? formatList(value) : value === undefined ? 'not set' : String(value);

// Sub-cent spend is the common case for cheap models: show it rather than $0.00.
const formatUsd = (usd: number): string => `$${usd > 0 && usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;

// A question nobody answered or a preview nobody confirmed keeps its status until someone clicks; say it has lapsed.
function openStatus(task: Task, now: Date): string {
  if (!AWAITING_STATUSES.includes(task.status) || !isExpired(task, now)) return task.status;
  return task.status === 'awaiting_choice' ? 'expired (no option picked)' : 'expired (never confirmed)';
}

/** /status: stage, version, flag values, today's LLM spend against the budget, open tasks. */
export async function statusReply(flags: FlagValues, deps: InteractionDeps): Promise<InteractionResponse> {
  const now = deps.now();
  const [spent, open] = await Promise.all([
    deps.spend ? withTimeout(deps.spend.spentToday(now)) : Promise.resolve('not tracked' as const),
    withTimeout(deps.tasks.listOpen(10)),
  ]);
  const budget = flags['max-daily-llm-cost-usd'];
  const spendText =
    typeof spent === 'object'
      ? `${formatUsd(spent.spentUsd)} of ${formatUsd(budget)} today (UTC), ${spent.calls} call${spent.calls === 1 ? '' : 's'}`
      : `${spent} (budget $${budget.toFixed(2)} a day)`;
  const openText =
    open === 'unavailable'
      ? 'unavailable right now'
      : open.length === 0
        ? 'none'
        : open.map((t: Task) => `\`${t.taskId}\` ${openStatus(t, now)} — ${plainText(shorten(t.summary ?? t.command, 120))} (${plainText(t.requesterName)})`).join('\n');
  const embed: Embed = {
    title: `Valine Orchestrator — ${deps.stage}`,
    fields: [
      { name: 'Version', value: fieldValue(deps.version || 'unknown'), inline: true },
      { name: 'LLM spend', value: spendText, inline: true },
      { name: 'Flags', value: fieldValue(FLAG_NAMES.map((name) => `${name}: ${formatFlag(flags[name])}`).join('\n')) },
      { name: 'Open tasks', value: fieldValue(openText) },
    ],
  };
  return reply({ embeds: [embed], flags: EPHEMERAL });
}
