import { replyMessage } from '../domain/agent-messages';
import type { ExecutionOutcome } from '../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { inlineCode, plainText } from '../domain/discord-text';
import { errorDetail, explainedReason } from '../domain/error-message';
import { redactSecrets } from '../domain/redact';
import type { Logger } from '../ports/logger';
import { RepoHostError, type BranchDeletion, type RepoHost } from '../ports/repo-host';

/** The retryable answer: the notice above the preview (Confirm again still means "this diff"), and the branch to reuse. */
function retryable(action: string, reason: string, text: string, branch: string | undefined, preview: DiscordMessage): ExecutionOutcome {
  return {
    kind: 'retryable',
    error: reason,
    ...(branch ? { branch } : {}),
    message: {
      embeds: [...(replyMessage(`${action} interrupted`, text).embeds ?? []), ...(preview.embeds ?? [])],
      allowed_mentions: NO_MENTIONS,
    },
  };
}

/**
 * What an agent's `execute` answers when the repository host failed. A retryable failure keeps
 * the preview under the notice and the branch to reuse. A final one leaves nothing behind: the
 * branch this task made (its name is the task's own) is deleted; when even that is refused, the
 * task stays retryable with the branch, so a later Confirm reuses it and nothing promises a reuse
 * that cannot happen. `action` names the work ("UX update", "Revert"). People read the host's
 * sentence, or for an internal error (a bug, `socket hang up`) a sentence without it; the detail
 * goes to the log.
 */
export async function executionFailure(
  error: unknown,
  action: string,
  branch: { name: string; exists: boolean },
  preview: DiscordMessage,
  host: Pick<RepoHost, 'deleteBranch'>,
  logger?: Logger,
): Promise<ExecutionOutcome> {
  const isRetryable = error instanceof RepoHostError && error.retryable;
  const detail = { branch: branch.name, retryable: isRetryable, error: redactSecrets(errorDetail(error)) };
  if (isRetryable) logger?.warn(`${action} did not finish; it may be confirmed again`, detail);
  else logger?.error(`${action} did not finish`, detail);
  const explained = explainedReason(error);
  const name = inlineCode(branch.name);
  if (isRetryable) {
    const reason = plainText(explained ?? '');
    const kept = branch.exists ? ` The branch ${name} is kept and will be reused.` : '';
    return retryable(action, reason, `${reason}${kept} Press Confirm again to finish; nothing will be done twice.`, branch.exists ? branch.name : undefined, preview);
  }
  const reason = explained ? plainText(explained) : `${action} stopped on an unexpected error (the details are in the worker's log).`;
  const next = explained ? '' : ' Run the command again; if it keeps failing, ask an operator to check the worker\'s log.';
  if (!branch.exists) return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason} Nothing was left in the repository.${next}`) };
  let deletion: BranchDeletion;
  try {
    deletion = await host.deleteBranch(branch.name);
  } catch (deleteError) {
    logger?.error(`${action}: the branch it made could not be deleted; it is kept for the task`, { branch: branch.name, error: redactSecrets(errorDetail(deleteError)) });
    const deleteReason = explainedReason(deleteError);
    const why = deleteReason ? plainText(deleteReason) : "an unexpected error; the details are in the worker's log";
    return retryable(
      action,
      reason,
      `${reason} The branch ${name} this request made could not be deleted either (${why}), so it is kept for this request: once that is fixed, press Confirm to finish with it, or Cancel.`,
      branch.name,
      preview,
    );
  }
  logger?.info(`${action} failed for good: the branch it made is deleted unless a pull request was opened from it`, { branch: branch.name, deletion });
  const left =
    deletion === 'has-pull-request'
      ? ` The branch ${name} is kept, since a pull request was opened from it.`
      : deletion === 'deleted'
        ? ` The branch ${name} this request made was deleted, so nothing is left in the repository.`
        : ' Nothing was left in the repository.';
  return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason}${left}${next}`) };
}
