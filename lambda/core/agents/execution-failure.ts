import { replyMessage } from '../domain/agent-messages';
import type { ExecutionOutcome } from '../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../domain/discord-message';
import { inlineCode } from '../domain/discord-text';
import { errorMessage } from '../domain/error-message';
import { RepoHostError } from '../ports/repo-host';

/**
 * What an agent's `execute` answers when the repository host failed: a retryable failure keeps
 * the preview under the notice (Confirm again still means "this diff") and the branch to reuse;
 * any other is final. `action` names the work ("UX update", "Revert").
 */
export function executionFailure(error: unknown, action: string, branch: { name: string; exists: boolean }, preview: DiscordMessage): ExecutionOutcome {
  const reason = errorMessage(error);
  const kept = branch.exists ? ` The branch ${inlineCode(branch.name)} is kept and will be reused.` : '';
  if (error instanceof RepoHostError && error.retryable) {
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
  return { kind: 'failed', error: reason, message: replyMessage(`${action} failed`, `${reason}${kept}`) };
}
