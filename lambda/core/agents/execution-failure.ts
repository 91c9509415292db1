import { replyMessage } from '../domain/agent-messages';
import type { ExecutionOutcome } from '../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { inlineCode, plainText } from '../domain/discord-text';
import { errorDetail, explainedReason } from '../domain/error-message';
import { redactSecrets } from '../discord/redact';
import type { Logger } from '../ports/logger';
import { RepoHostError } from '../ports/repo-host';

/**
 * What an agent's `execute` answers when the repository host failed: a retryable failure keeps
 * the preview under the notice (Confirm again still means "this diff") and the branch to reuse;
 * any other is final. `action` names the work ("UX update", "Revert"). People read the host's
 * sentence, or for an internal error (a bug, `socket hang up`) a sentence without it; the detail
 * goes to the log.
 */
export function executionFailure(error: unknown, action: string, branch: { name: string; exists: boolean }, preview: DiscordMessage, logger?: Logger): ExecutionOutcome {
  const retryable = error instanceof RepoHostError && error.retryable;
  const detail = { branch: branch.name, retryable, error: redactSecrets(errorDetail(error)) };
  if (retryable) logger?.warn(`${action} did not finish; it may be confirmed again`, detail);
  else logger?.error(`${action} did not finish`, detail);
  const explained = explainedReason(error);
  const kept = branch.exists ? ` The branch ${inlineCode(branch.name)} is kept and will be reused.` : '';
  if (retryable) {
    const reason = plainText(explained ?? '');
    return {
      kind: 'retryable',
      error: reason,
      ...(branch.exists ? { branch: branch.name } : {}),
      message: {
        embeds: [...(replyMessage(`${action} interrupted`, `${reason}${kept} Press Confirm again to finish; nothing will be done twice.`).embeds ?? []), ...(preview.embeds ?? [])],
        allowed_mentions: NO_MENTIONS,
      },
    };
  }
  const reason = explained ? plainText(explained) : `${action} stopped on an unexpected error (the details are in the worker's log).`;
  const next = explained ? '' : ' Run the command again; if it keeps failing, ask an operator to check the worker\'s log.';
  return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason}${kept}${next}`) };
}
