import { errorMessage } from '../domain/error-message';
import { commandLine } from './commands';
import type { InteractionDeps } from './interaction-deps';
import { interactionRef, type InteractionContext } from './interaction';

/**
 * Hands a request to the worker as a `propose` work item (the worker claims the interaction id
 * before any side effect); false, logged, when the work queue refuses it.
 */
export async function handToWorker(context: InteractionContext, agent: { id: string }, command: string, options: Record<string, string>, deps: InteractionDeps): Promise<boolean> {
  try {
    await deps.queue.enqueue({ kind: 'propose', interaction: interactionRef(context), agentId: agent.id, command, options, commandLine: commandLine(command, options) });
    return true;
  } catch (error) {
    deps.logger.error('Could not hand a request to the worker', { command, agentId: agent.id, error: errorMessage(error) });
    return false;
  }
}
