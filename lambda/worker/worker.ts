import type { AgentRegistry } from '../core/agents/registry';
import type { Agent, ExecutionOutcome, ProposalCandidate } from '../core/domain/agent';
import { DISCORD_LIMITS, type DiscordMessage } from '../core/domain/discord-message';
import { TaskConflictError, TaskNotFoundError, TaskTooLargeError, type NewTask, type Task } from '../core/domain/task';
import type { WorkItem } from '../core/domain/work';
import { PROPOSE_CLAIM_TTL_SECONDS, confirmClaimKey, interactionClaimKey } from '../core/discord/ledger-keys';
import { confirmCancelRow } from '../core/discord/task-buttons';
import { redactSecrets } from '../core/discord/redact';
import { choiceMessage, failureMessage, plainMessage, proposalMessage, retryMessage } from '../core/discord/task-messages';
import type { DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { Ledger } from '../core/ports/ledger';
import type { Logger } from '../core/ports/logger';
import type { TaskStore } from '../core/ports/task-store';
import { taskIdFor } from './task-id';
import { errorMessage } from '../core/domain/error-message';

export interface WorkerDeps {
  flags: FlagReader;
  tasks: TaskStore;
  ledger: Ledger;
  discord: DiscordApi;
  agents: AgentRegistry<Agent>;
  taskTtlSeconds: number;
  logger: Logger;
  now: () => Date;
}

/** A task `executing` for longer than the worker's 120 s timeout was left behind by an attempt that timed out. */
export const ABANDONED_EXECUTION_SECONDS = 150;

type ProposeItem = Extract<WorkItem, { kind: 'propose' }>;
type ConfirmItem = Extract<WorkItem, { kind: 'confirm' }>;

/** A fresh proposal, or one offered again after a retryable failure, may be confirmed for the task TTL from now. */
const confirmDeadline = (deps: WorkerDeps): string => new Date(deps.now().getTime() + deps.taskTtlSeconds * 1000).toISOString();

const PROPOSE_AGAIN = 'Nothing was changed. Try the command again in a minute; if it keeps failing, ask an operator to check the worker logs.';

// Error texts go to logs and to the task's lastError: keep tokens out of both.
const errorText = (error: unknown): string => redactSecrets(errorMessage(error));

/** The worker: does what the interactions function deferred, and always leaves the user a message. */
export function createWorker(deps: WorkerDeps): (item: WorkItem) => Promise<void> {
  return async (item) => {
    switch (item.kind) {
      case 'propose':
        return propose(item, deps);
      case 'confirm':
        return confirm(item, deps);
    }
  };
}

async function propose(item: ProposeItem, deps: WorkerDeps): Promise<void> {
  const { applicationId, token } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  const agent = deps.agents.byId(item.agentId);
  if (!agent) {
    await show(plainMessage({ content: `The agent "${item.agentId}" is not available in this deployment, so nothing was proposed.` }));
    return;
  }
  // Lambda may deliver an event twice and a signed request may be replayed: propose once per interaction.
  const claimKey = interactionClaimKey(item.interaction.interactionId);
  let claimed: boolean;
  try {
    claimed = await deps.ledger.claimOnce(claimKey, PROPOSE_CLAIM_TTL_SECONDS);
  } catch (error) {
    deps.logger.error('Could not record the request before proposing', { interactionId: item.interaction.interactionId, error: errorText(error) });
    await show(failureMessage(`${agent.name} could not take the request`, error, PROPOSE_AGAIN));
    return;
  }
  if (!claimed) {
    deps.logger.info('Proposal skipped: this interaction was already handled', { interactionId: item.interaction.interactionId });
    return;
  }
  try {
    const flags = await deps.flags.all();
    const outcome = await agent.propose(
      {
        command: item.command,
        options: item.options,
        requester: item.interaction.requester,
        guildId: item.interaction.guildId,
        channelId: item.interaction.channelId,
        commandLine: item.commandLine,
      },
      { flags, now: deps.now },
    );
    switch (outcome.kind) {
      case 'clarification':
      case 'rejected':
      case 'answer':
        await show(plainMessage(outcome.message));
        return;
      case 'proposal': {
        const task = await createTaskOnce(item, agent, { status: 'awaiting_confirmation', summary: outcome.summary, proposal: outcome.proposal }, deps);
        await show(proposalMessage(task, outcome.preview));
        return;
      }
      case 'choice':
        await offerChoice(item, agent, outcome.question, outcome.candidates, deps);
        return;
    }
  } catch (error) {
    deps.logger.error('Proposing failed', { agentId: agent.id, interactionId: item.interaction.interactionId, error: errorText(error) });
    await deps.ledger.release(claimKey).catch(() => undefined);
    await show(failureMessage(`${agent.name} could not prepare a preview`, error, PROPOSE_AGAIN));
  }
}

/**
 * A question whose candidates become a select menu: the task waits in `awaiting_choice`
 * holding them, and the interactions function turns a pick into the candidate's preview.
 */
async function offerChoice(item: ProposeItem, agent: Agent, question: DiscordMessage, offered: readonly ProposalCandidate[], deps: WorkerDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(item.interaction.applicationId, item.interaction.token, message);
  if (offered.length === 0) {
    await show(plainMessage(question));
    return;
  }
  // A select menu holds 25 options; the option's value indexes the stored list, so store exactly what is shown.
  const candidates = offered.slice(0, DISCORD_LIMITS.selectOptions).map(
    ({ label, description, summary, proposal, preview }): ProposalCandidate => ({ label, ...(description === undefined ? {} : { description }), summary, proposal, preview }),
  );
  let task: Task;
  try {
    task = await createTaskOnce(item, agent, { status: 'awaiting_choice', candidates }, deps);
  } catch (error) {
    if (!(error instanceof TaskTooLargeError)) throw error;
    deps.logger.warn('The candidates are too large to store on the task', { agentId: agent.id, taskId: error.taskId, bytes: error.bytes });
    // The same request would give the same candidates: keep the claim, as for a refusal.
    await show(
      plainMessage({
        content:
          `${agent.name} found ${offered.length} places that match, but together they are too large to keep while you choose ` +
          `(${Math.ceil(error.bytes / 1024)} KB; one task holds at most ${Math.floor(error.limitBytes / 1024)} KB), so nothing was proposed. ` +
          'Run the command again naming the section or the exact text, so fewer places match.',
      }),
    );
    return;
  }
  await show(choiceMessage(task, question, candidates, offered.length - candidates.length));
}

type TaskStart = Pick<NewTask, 'summary' | 'proposal' | 'candidates'> & { status: 'awaiting_confirmation' | 'awaiting_choice' };

async function createTaskOnce(item: ProposeItem, agent: Agent, start: TaskStart, deps: WorkerDeps): Promise<Task> {
  const taskId = taskIdFor(item.interaction.interactionId);
  try {
    return await deps.tasks.create({
      taskId,
      agentId: agent.id,
      command: item.commandLine,
      options: item.options,
      ...start,
      requesterId: item.interaction.requester.id,
      requesterName: item.interaction.requester.name,
      guildId: item.interaction.guildId,
      channelId: item.interaction.channelId,
      applicationId: item.interaction.applicationId,
      interactionToken: item.interaction.token,
      confirmBy: confirmDeadline(deps),
    });
  } catch (error) {
    if (error instanceof TaskTooLargeError) throw error;
    // A retried event: the task from the first attempt is the one to show.
    const existing = await deps.tasks.get(taskId);
    if (existing) return existing;
    throw error;
  }
}

async function confirm(item: ConfirmItem, deps: WorkerDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  let task: Task;
  try {
    task = await deps.tasks.transition(item.taskId, 'awaiting_confirmation', 'executing', { interactionToken: token }, `confirmed by ${requester.name}`);
  } catch (error) {
    if (error instanceof TaskConflictError || error instanceof TaskNotFoundError) {
      if (error instanceof TaskConflictError && error.actual === 'executing' && (await failAbandonedExecution(item.taskId, deps))) return;
      // Another click or a retried event already moved it: nothing to do twice.
      deps.logger.info('Confirmation skipped: the task already moved', { taskId: item.taskId, error: error.message });
      return;
    }
    await deps.ledger.release(confirmClaimKey(item.taskId)).catch(() => undefined);
    await show({
      ...failureMessage('Could not start the work', error, 'Nothing was changed. Click Confirm again in a minute.'),
      components: [confirmCancelRow(item.taskId)],
    });
    return;
  }

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
        error: errorText(error),
        message: failureMessage(`${agent.name} could not finish the work`, error, 'Run the command again to start over; if it keeps failing, ask an operator to check the worker logs.'),
      };
    }
  }

  try {
    await settle(task, outcome, deps);
  } catch (error) {
    deps.logger.error('Recording the outcome failed', { taskId: task.taskId, error: errorText(error) });
    await show(failureMessage('The work ran but its result could not be recorded', error, 'Check /debug-last, and ask an operator before trying again.'));
    return;
  }
  await deps.ledger.audit({ subject: `task#${task.taskId}`, action: `execute:${outcome.kind}`, actorId: requester.id }).catch((error: unknown) => {
    deps.logger.warn('Audit record failed', { taskId: task.taskId, error: errorText(error) });
  });
}

/**
 * Lambda retries an attempt that timed out: the task is still `executing`, but nobody is
 * working on it any more. Past the worker's timeout, fail it and say so, instead of leaving
 * "Working…" on screen for good. True when it did.
 */
async function failAbandonedExecution(taskId: string, deps: WorkerDeps): Promise<boolean> {
  const task = await deps.tasks.get(taskId);
  if (task?.status !== 'executing' || deps.now().getTime() - Date.parse(task.updatedAt) < ABANDONED_EXECUTION_SECONDS * 1000) return false;
  const reason = `the work was stopped before it finished (the worker timed out after ${task.updatedAt})`;
  try {
    await deps.tasks.transition(taskId, 'executing', 'failed', { lastError: reason }, 'worker timed out');
  } catch (error) {
    if (error instanceof TaskConflictError) return false;
    throw error;
  }
  deps.logger.error('Executing timed out; the task is marked failed', { taskId, agentId: task.agentId });
  const name = deps.agents.byId(task.agentId)?.name ?? task.agentId;
  await deps.discord.editOriginal(
    task.applicationId,
    task.interactionToken,
    failureMessage(`${name} did not finish`, reason, 'Anything already made (the branch) is kept. Run the command again to start over; if it keeps happening, ask an operator to check the worker logs.'),
  );
  return true;
}

/** Moves the task to match the outcome, then shows it (Confirm / Cancel again only when retryable). */
async function settle(task: Task, outcome: ExecutionOutcome, deps: WorkerDeps): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(task.applicationId, task.interactionToken, message);
  switch (outcome.kind) {
    case 'done': {
      await deps.tasks.transition(task.taskId, 'executing', 'pr_open', { branch: outcome.branch, pullRequest: outcome.pullRequest });
      await show(plainMessage(outcome.message));
      return;
    }
    case 'retryable': {
      const again = await deps.tasks.transition(task.taskId, 'executing', 'awaiting_confirmation', { lastError: redactSecrets(outcome.error), branch: outcome.branch, confirmBy: confirmDeadline(deps) }, 'retryable failure');
      await deps.ledger.release(confirmClaimKey(task.taskId));
      await show(retryMessage(again, outcome.message, outcome.error));
      return;
    }
    case 'failed': {
      await deps.tasks.transition(task.taskId, 'executing', 'failed', { lastError: redactSecrets(outcome.error) });
      await show(plainMessage(outcome.message));
      return;
    }
  }
}
