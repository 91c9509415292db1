import type { Task } from '../../domain/task';
import { ephemeral, type InteractionResponse } from '../responses';
import type { TaskAction } from '../../tasks/buttons';

/** Why a click or a pick came too late (or too early), as the person should read it. */
export function notWaitingReply(task: Task, action: TaskAction): InteractionResponse {
  switch (task.status) {
    case 'awaiting_choice':
      return ephemeral('This request is still waiting for one of the options to be picked: choose one in the menu first, or Cancel.');
    case 'awaiting_confirmation':
      return ephemeral('An option was already picked for this request, so the menu is no longer open: Confirm or Cancel its preview.');
    case 'executing':
      return ephemeral(`This request is already confirmed and being worked on${action === 'refine' ? ', so its preview can no longer be refined' : ''}.`);
    case 'pr_open':
    case 'merged':
    case 'closed':
      return ephemeral(`This request was already done${task.pullRequest ? `: ${task.pullRequest.url}` : '.'}`);
    case 'cancelled':
      return ephemeral('This request was cancelled; run the command again for a new preview.');
    case 'expired':
      return ephemeral('This request expired; run the command again for a new preview.');
    case 'failed':
      return ephemeral('This request failed; run the command again to start over.');
    default:
      return ephemeral(`This request is ${task.status} and cannot be ${action === 'choose' ? 'answered' : action === 'refine' ? 'refined' : 'confirmed or cancelled'} now.`);
  }
}
