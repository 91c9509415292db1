import { DISCORD_LIMITS, type ActionRow, type SelectOption } from '../domain/discord-message';
import { cutToLength } from '../domain/discord-text';

/**
 * The components under a task's message: Confirm / Cancel / Refine under a proposal, a select menu and
 * Cancel under a question. `custom_id` = "task:<action>:<taskId>" (≤ 100 characters); the Refine box
 * (a modal) carries the Refine button's id.
 */
export type TaskAction = 'confirm' | 'cancel' | 'choose' | 'refine';
const PREFIX = 'task';
const TASK_ID = /^[A-Za-z0-9_-]{1,80}$/;
const ACTIONS: readonly TaskAction[] = ['confirm', 'cancel', 'choose', 'refine'];

export const taskButtonId = (action: TaskAction, taskId: string): string => `${PREFIX}:${action}:${taskId}`;

export function parseTaskButtonId(customId: string): { action: TaskAction; taskId: string } | undefined {
  const [prefix, action, taskId, ...rest] = customId.split(':');
  if (prefix !== PREFIX || rest.length > 0 || taskId === undefined || !TASK_ID.test(taskId)) return undefined;
  const known = ACTIONS.find((a) => a === action);
  return known ? { action: known, taskId } : undefined;
}

/** Confirm / Cancel, and Refine unless the agent is known not to refine its previews (the Revert Agent). */
export function confirmCancelRow(taskId: string, refinable = true): ActionRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 3, label: 'Confirm', custom_id: taskButtonId('confirm', taskId) },
      { type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId) },
      ...(refinable ? [{ type: 2 as const, style: 2 as const, label: 'Refine', custom_id: taskButtonId('refine', taskId) }] : []),
    ],
  };
}

/** A link button to a task's pull request (style 5: Discord opens the URL; no interaction reaches the bot). */
export function pullRequestLinkRow(pullRequest: { number: number; url: string }): ActionRow {
  return { type: 1, components: [{ type: 2, style: 5, label: `Open pull request #${pullRequest.number}`, url: pullRequest.url }] };
}

/** Shown the moment Confirm is clicked, until the worker replaces the message. */
export function workingRow(taskId: string): ActionRow {
  return {
    type: 1,
    components: [
      { type: 2, style: 2, label: 'Working…', custom_id: taskButtonId('confirm', taskId), disabled: true },
      { type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId), disabled: true },
    ],
  };
}

/** One line of at most `max` UTF-16 units, cut between graphemes (never half an emoji), with an ellipsis. */
export function selectText(text: string, max: number = DISCORD_LIMITS.selectOptionText): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  return `${cutToLength(line, max - 1).trimEnd()}…`;
}

/** The candidates a question offers; the option's value is the candidate's index. One candidate is a button ("Yes, the footer"). */
export function choiceRows(taskId: string, candidates: ReadonlyArray<{ label: string; description?: string }>): ActionRow[] {
  const [only] = candidates;
  if (only && candidates.length === 1) {
    return [
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: selectText(only.label, DISCORD_LIMITS.buttonLabel) || 'Yes', custom_id: taskButtonId('choose', taskId) },
          { type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId) },
        ],
      },
    ];
  }
  const options: SelectOption[] = candidates.slice(0, DISCORD_LIMITS.selectOptions).map((candidate, index) => {
    const description = candidate.description === undefined ? '' : selectText(candidate.description);
    return { label: selectText(candidate.label) || `Option ${index + 1}`, value: String(index), ...(description ? { description } : {}) };
  });
  return [
    {
      type: 1,
      components: [{ type: 3, custom_id: taskButtonId('choose', taskId), placeholder: 'Pick the one you mean', min_values: 1, max_values: 1, options }],
    },
    { type: 1, components: [{ type: 2, style: 4, label: 'Cancel', custom_id: taskButtonId('cancel', taskId) }] },
  ];
}
