import type { FlagValues } from '../../contract/flags';
import type { CommandDefinition } from '../../domain/command';
import { readCommandOptions } from '../commands';
import type { InteractionDeps } from '../interaction-deps';
import type { InteractionContext } from '../interaction';
import { agentAvailable, mayRequest } from '../../tasks/permissions';
import { deferred, deferredEphemeral, ephemeral, type InteractionResponse } from '../responses';
import { isThreadChannel } from '../../tasks/thread';
import { threadClaimKey } from '../../tasks/ledger-keys';
import { refineRequestReply } from '../modals/refine-submit';
import { handToWorker } from '../hand-to-worker';

/** A command an agent answers (/ux-update): checks, hands it to the worker, answers type 5 ("thinking…"). */
export async function agentRequestReply(
  command: CommandDefinition,
  given: Record<string, string>,
  context: InteractionContext,
  flags: FlagValues,
  deps: InteractionDeps,
): Promise<InteractionResponse> {
  const agent = deps.agents.forCommand(command.name);
  if (!agent) return ephemeral(`No agent answers /${command.name} in this deployment yet.`);
  // Typed in a task's thread, the request is about that task: a refinement (or "undo that").
  const threadTask = isThreadChannel(context.channelType) && context.channelId ? await deps.ledger.readClaim(threadClaimKey(context.channelId)) : undefined;
  if (threadTask?.note && (await deps.tasks.get(threadTask.note))?.agentId === agent.id) {
    const words = given.description ?? given.command ?? '';
    return refineRequestReply(threadTask.note, words, 'thread', context, deps);
  }
  if (command.audience === 'agent') {
    const permission = mayRequest(agent, context.requester, flags, deps.locateFlag);
    if (!permission.allowed) return ephemeral(permission.message);
  }
  const available = agentAvailable(agent, flags, deps.locateFlag);
  if (!available.allowed) return ephemeral(available.message);
  const options = readCommandOptions(command, given);
  if (!options.ok) return ephemeral(options.message);

  // No DynamoDB call here: the worker claims the interaction id before any side effect.
  if (!(await handToWorker(context, agent, command.name, options.options, deps))) {
    return ephemeral(`${agent.name} could not take the request right now (the work queue refused it). Please try again in a minute.`);
  }
  // A request that makes a task may end in a refusal or a question: only the requester sees "thinking…" (the worker posts a preview for everyone).
  return command.audience === 'agent' ? deferredEphemeral() : deferred();
}

