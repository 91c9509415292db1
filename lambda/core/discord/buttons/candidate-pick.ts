import { inlineCode } from '../../domain/discord-text';
import type { Task } from '../../domain/task';
import { pick as pickCandidate } from '../../tasks/pick';
import type { InteractionDeps } from '../interaction-deps';
import { deferredUpdate, ephemeral, updateMessage, type InteractionResponse } from '../responses';
import { interactionRef, type InteractionContext } from '../interaction';
import { errorMessage } from '../../domain/error-message';
import { pickedMessage } from '../../tasks/messages';
import { notWaitingReply } from './not-waiting-reply';

type PickResult = { ok: true; index: number } | { ok: false; message: string };

const PICK_AGAIN = 'Pick one from the menu again.';

/** The select menu sends the picked option's value, which is the candidate's index; anything else is refused with a sentence. */
export function readPick(values: readonly string[] | undefined, offered: number): PickResult {
  if (!values || values.length !== 1) return { ok: false, message: `Pick exactly one option from the menu (this answer carried ${values?.length ?? 0}). ${PICK_AGAIN}` };
  const [value = ''] = values;
  if (!/^(0|[1-9]\d{0,2})$/.test(value)) return { ok: false, message: `The option ${inlineCode(value, 40)} is not one this menu offered. ${PICK_AGAIN}` };
  const index = Number(value);
  if (index >= offered) return { ok: false, message: `Option ${inlineCode(value)} is not in this menu, which offers ${offered}. ${PICK_AGAIN}` };
  return { ok: true, index };
}

/**
 * A pick under a question (the caller has checked who, the pause, the status and the deadline):
 * the pick move (tasks/pick.ts) makes the candidate the task's proposal, and the question becomes
 * its preview with Confirm / Cancel. DynamoDB only, within 3 s. A private question (only the
 * requester saw it) cannot become the public preview: the worker picks and posts it for everyone.
 */
export async function pickCandidateReply(task: Task, values: readonly string[] | undefined, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const who = context.requester.name;
  const candidates = task.candidates ?? [];
  // A question with one answer offers it as a button, which sends no values.
  const pick = values === undefined && candidates.length === 1 ? ({ ok: true, index: 0 } as const) : readPick(values, candidates.length);
  if (!pick.ok) return ephemeral(pick.message);
  if (!candidates[pick.index]) return ephemeral(`This request offers no option ${pick.index + 1}. ${PICK_AGAIN}`);
  if (task.askedPrivately) {
    try {
      await deps.queue.enqueue({ kind: 'pick', interaction: interactionRef(context), taskId: task.taskId, index: pick.index });
    } catch (error) {
      deps.logger.error('Could not hand a pick to the worker', { taskId: task.taskId, error: errorMessage(error) });
      return ephemeral(`The pick could not be taken right now (the work queue refused it), so nothing was changed. ${PICK_AGAIN}`);
    }
    // The question stays until the worker has posted the preview, then says where it went.
    return deferredUpdate();
  }
  const picked = await pickCandidate(task, pick.index, who, deps);
  switch (picked.kind) {
    case 'picked':
      return updateMessage(pickedMessage(picked.task, picked.preview));
    case 'gone':
      return ephemeral(`Request \`${task.taskId}\` no longer exists. Run the command again for a new preview.`);
    case 'moved':
      return notWaitingReply({ ...task, status: picked.status }, 'choose');
  }
}
