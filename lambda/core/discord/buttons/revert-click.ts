import { REVERT_SLASH_COMMANDS } from '../../agents/revert/profile';
import { handToWorker } from '../hand-to-worker';
import type { InteractionDeps } from '../interaction-deps';
import type { InteractionContext } from '../interaction';
import { agentAvailable, mayRequest } from '../../tasks/permissions';
import { deferredEphemeral, ephemeral, type InteractionResponse } from '../responses';
import { parseRevertButtonId } from '../revert-button';

/**
 * The Revert button under a merged pull request's notice: the same request as
 * `/revert target:#<n>`, checked the same way, deferred (type 5) and handed to the worker,
 * whose preview then appears as a new message.
 */
export async function revertButtonReply(customId: string, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const button = parseRevertButtonId(customId);
  if (!button) return ephemeral('This Revert button is not one this bot knows (it may come from an older version). Use /revert target:<pull request number> instead.');
  return revertTaskReply(button.taskId, context, deps);
}

/** Revert of a task's merged pull request (the Revert button, or "undo that" in its thread after merge): the Revert Agent's preview follows. */
export async function revertTaskReply(taskId: string, context: InteractionContext, deps: InteractionDeps): Promise<InteractionResponse> {
  const [command] = REVERT_SLASH_COMMANDS;
  const agent = deps.agents.forCommand(command.name);
  if (!agent) return ephemeral(`No agent answers /${command.name} in this deployment, so nothing can be reverted from here.`);
  const button = { taskId };
  const [task, flags] = await Promise.all([deps.tasks.get(button.taskId), deps.flags.all()]);
  const permission = mayRequest(agent, context.requester, flags, deps.locateFlag);
  if (!permission.allowed) return ephemeral(permission.message);
  const available = agentAvailable(agent, flags, deps.locateFlag);
  if (!available.allowed) return ephemeral(available.message);
  if (!task) return ephemeral(`Task \`${button.taskId}\` is no longer stored, so its pull request is not known here. Use /${command.name} target:<pull request number or URL> instead.`);
  const pullRequest = task.pullRequest;
  if (!pullRequest || task.status !== 'merged') {
    return ephemeral(`Task \`${task.taskId}\` has no merged pull request to revert (it is ${task.status.replace(/_/g, ' ')}). Only merged changes can be reverted.`);
  }
  const site = flags['site-repository'];
  if (site.toLowerCase() !== pullRequest.repository.toLowerCase()) {
    const now = site === 'local' ? 'the local site repository' : `\`${site}\``;
    return ephemeral(`That pull request is in \`${pullRequest.repository}\`, but the Revert Agent now works on ${now} (${deps.locateFlag('site-repository')}), so it cannot revert it from here.`);
  }
  const options = { target: `#${pullRequest.number}` };
  if (!(await handToWorker(context, agent, command.name, options, deps))) {
    return ephemeral(`${agent.name} could not take the request right now (the work queue refused it). Click Revert again in a minute.`);
  }
  // As /revert: only the clicker sees "thinking…"; the preview is posted for everyone.
  return deferredEphemeral();
}
