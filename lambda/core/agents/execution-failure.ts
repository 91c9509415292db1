import { replyMessage } from '../domain/agent-messages';
import type { ExecutionOutcome } from '../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { inlineCode } from '../domain/discord-text';
import { errorMessage } from '../domain/error-message';
import { RepoHostError, type RepoHost } from '../ports/repo-host';

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
 * that cannot happen. `action` names the work ("UX update", "Revert").
 */
export async function executionFailure(
  error: unknown,
  action: string,
  branch: { name: string; exists: boolean },
  preview: DiscordMessage,
  host: Pick<RepoHost, 'deleteBranch'>,
): Promise<ExecutionOutcome> {
  const reason = errorMessage(error);
  const name = inlineCode(branch.name);
  if (error instanceof RepoHostError && error.retryable) {
    const kept = branch.exists ? ` The branch ${name} is kept and will be reused.` : '';
    return retryable(action, reason, `${reason}${kept} Press Confirm again to finish; nothing will be done twice.`, branch.exists ? branch.name : undefined, preview);
  }
  if (!branch.exists) return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason} Nothing was left in the repository.`) };
  let deletion: Awaited<ReturnType<RepoHost['deleteBranch']>>;
  try {
    deletion = await host.deleteBranch(branch.name);
  } catch (deleteError) {
    const why = errorMessage(deleteError);
    return retryable(
      action,
      reason,
      `${reason} The branch ${name} this request made could not be deleted either (${why}), so it is kept for this request: once that is fixed, press Confirm to finish with it, or Cancel.`,
      branch.name,
      preview,
    );
  }
  const left =
    deletion === 'has-pull-request'
      ? ` The branch ${name} is kept, since a pull request was opened from it.`
      : deletion === 'deleted'
        ? ` The branch ${name} this request made was deleted, so nothing is left in the repository.`
        : ' Nothing was left in the repository.';
  return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason}${left}`) };
}
