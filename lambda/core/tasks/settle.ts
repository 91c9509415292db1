import type { ExecutionOutcome } from '../domain/agent';
import type { DiscordMessage } from '../domain/discord-message';
import { redactSecrets } from '../domain/redact';
import { TaskConflictError, type Task } from '../domain/task';
import { confirmDeadline, type TaskDeps } from './deps';
import { confirmClaimKey } from './ledger-keys';
import { outcomeMessage, retryMessage } from './messages';

/**
 * Moves the task to match the outcome, on the version this run holds: 'lost' when another run
 * took the task meanwhile (a resume, or a Cancel of a stopped run). Returns what to show
 * (Confirm / Cancel again only when retryable).
 */
export async function settle(task: Task, outcome: ExecutionOutcome, deps: TaskDeps): Promise<DiscordMessage | 'lost'> {
  const held = { version: task.version };
  try {
    switch (outcome.kind) {
      case 'done': {
        const opened = await deps.tasks.transition(task.taskId, 'executing', 'pr_open', { branch: outcome.branch, pullRequest: outcome.pullRequest }, undefined, held);
        // attach() never throws: without images the answer says why.
        return outcomeMessage(opened, deps.changeScreenshots ? await deps.changeScreenshots.attach(opened, outcome.message) : outcome.message);
      }
      case 'retryable': {
        const again = await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: redactSecrets(outcome.error), branch: outcome.branch, confirmBy: confirmDeadline(deps) }, 'retryable failure', held);
        await deps.ledger.release(confirmClaimKey(task.taskId));
        return retryMessage(again, outcome.message, outcome.error);
      }
      case 'failed': {
        await deps.tasks.transition(task.taskId, 'executing', 'failed', { lastError: redactSecrets(outcome.error) }, undefined, held);
        return outcomeMessage(task, outcome.message);
      }
    }
  } catch (error) {
    if (error instanceof TaskConflictError) return 'lost';
    throw error;
  }
}
