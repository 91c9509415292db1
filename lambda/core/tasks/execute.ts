import type { ExecutionOutcome } from '../domain/agent';
import type { DiscordMessage } from '../domain/discord-message';
import { plainText, shorten } from '../domain/discord-text';
import { explainedReason } from '../domain/error-message';
import { redactSecrets } from '../domain/redact';
import { withoutImages } from '../domain/screenshot-lines';
import type { Task } from '../domain/task';
import { isRefusedForGood } from '../ports/discord-api';
import { recordAudit } from './audit';
import { errorText, type TaskDeps } from './deps';
import { failureMessage, outcomeMessage } from './messages';
import { settle } from './settle';

/** Runs the agent's work on an `executing` task and records and shows the outcome. */
export async function runExecution(task: Task, deps: TaskDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(task.applicationId, task.interactionToken, message);
  const agent = deps.agents.byId(task.agentId);
  let outcome: ExecutionOutcome;
  if (!agent) {
    outcome = { kind: 'failed', error: `agent ${task.agentId} is not registered`, message: { content: `The agent "${task.agentId}" is not available in this deployment, so the request cannot be done.` } };
  } else {
    try {
      outcome = await agent.execute(task, { flags: await deps.flags.all(), now: deps.now });
    } catch (error) {
      deps.logger.error('Executing failed', { taskId: task.taskId, agentId: task.agentId, error: errorText(error) });
      outcome = {
        kind: 'failed',
        // Kept on the task for /debug-last (the debugging command, flag-gated and ephemeral), redacted; the message says less.
        error: errorText(error),
        message: failureMessage(`${agent.name} could not finish the work`, error, 'Run the command again to start over; if it keeps failing, ask an operator to check the worker logs.'),
      };
    }
  }

  const pullRequest = outcome.kind === 'done' ? outcome.pullRequest?.url : undefined;
  let answer: DiscordMessage | 'lost';
  try {
    answer = await settle(task, outcome, deps);
  } catch (error) {
    deps.logger.error('Recording the outcome failed', { taskId: task.taskId, error: errorText(error) });
    await show(unrecordedMessage(task, outcome, error));
    return;
  }
  if (answer === 'lost') {
    // Another run (a resume) holds the task now: its answer is the one the person sees, never a failure over its pull request.
    deps.logger.warn('This run lost its task to another run; its outcome is left to that run', { taskId: task.taskId, outcome: outcome.kind, ...(pullRequest ? { pullRequest } : {}) });
    return;
  }
  await showOutcome(task, answer, deps);
  await recordAudit(task, { action: `execute:${outcome.kind}`, ...(pullRequest ? { detail: pullRequest } : {}) }, deps);
}

/** Shows a recorded outcome; when Discord refuses it for its images (size, permission), shows it again without them, saying why. */
async function showOutcome(task: Task, answer: DiscordMessage, deps: TaskDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(task.applicationId, task.interactionToken, message);
  try {
    await show(answer);
  } catch (error) {
    // Discord refused the upload (no Attach Files, too large): the same answer without the images, saying why.
    if (!answer.files?.length || !isRefusedForGood(error)) throw error;
    deps.logger.warn("Discord refused Confirm's answer with its images; showing it without them.", { taskId: task.taskId, status: error.status, reason: error.message });
    await show(withoutImages(answer, error));
  }
}

/**
 * The outcome could not be recorded (the task store failed). A pull request that was opened is
 * still shown as opened: the task stays `executing`, so the sweep resumes it, finds the same pull
 * request and records it; nothing is done twice.
 */
function unrecordedMessage(task: Task, outcome: ExecutionOutcome, error: unknown): DiscordMessage {
  if (outcome.kind !== 'done') return failureMessage('The work ran but its result could not be recorded', error, 'Check /debug-last, and ask an operator before trying again.');
  // What the task store said stays in the log (runExecution logs it); a sentence made for people may be shown.
  const reason = explainedReason(error);
  const why = reason ? shorten(plainText(redactSecrets(reason)), 200) : "the details are in the worker's log";
  const note = `The bot could not record this yet (${why}); it records it within a few minutes, and nothing will be done twice.`;
  return outcomeMessage(task, { ...outcome.message, content: outcome.message.content ? `${outcome.message.content}\n${note}` : note });
}
