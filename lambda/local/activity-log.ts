import { parseTaskButtonId } from '../core/tasks/buttons';
import type { Logger } from '../core/ports/logger';
import type { TaskStore } from '../core/ports/task-store';

/**
 * Local mode's terminal log: one info line per interaction, webhook, task move and piece of work,
 * so a person sees what the bot did. Only names, ids, outcomes and times: never what a user typed,
 * a token or a secret.
 */

const RESPONSE_TYPES: Readonly<Record<number, string>> = { 1: 'pong', 4: 'answered', 5: 'deferred (thinking…)', 6: 'deferred update', 7: 'message updated', 9: 'modal' };

interface InteractionSummary {
  /** "/ux-update", "button task:confirm", "select task:choose", "ping". */
  command: string;
  taskId?: string;
  outcome: string;
}

const safeId = (text: unknown): string | undefined => (typeof text === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(text) ? text : undefined);

/** What an interaction was and how it was answered, read from the request the handler verified and its answer. */
export function summariseInteraction(requestBody: string, statusCode: number, responseBody: string): InteractionSummary {
  if (statusCode !== 200) return { command: 'interaction', outcome: `refused (HTTP ${statusCode})` };
  let request: { type?: number; data?: { name?: unknown; custom_id?: unknown; component_type?: unknown } } = {};
  let response: { type?: number } = {};
  try {
    request = JSON.parse(requestBody) as typeof request;
    response = JSON.parse(responseBody) as typeof response;
  } catch {
    // Verified requests and the handler's answers are JSON; anything else is named as it is.
  }
  const outcome = RESPONSE_TYPES[response.type ?? 0] ?? `response type ${response.type ?? '?'}`;
  if (request.type === 1) return { command: 'ping', outcome };
  if (request.type === 2) return { command: `/${safeId(request.data?.name) ?? '?'}`, outcome };
  const customId = typeof request.data?.custom_id === 'string' ? request.data.custom_id : '';
  const button = parseTaskButtonId(customId);
  const kind = request.data?.component_type === 3 ? 'select' : 'button';
  if (button) return { command: `${kind} task:${button.action}`, taskId: button.taskId, outcome };
  const [prefix, id] = customId.split(':');
  return { command: `${kind} ${safeId(prefix) ?? '?'}`, ...(safeId(id) ? { taskId: safeId(id) } : {}), outcome };
}

/** The task store, logging each task created and each move of a task from one status to another. */
export function loggedTaskStore(store: TaskStore, logger: Logger): TaskStore {
  const create: TaskStore['create'] = async (task) => {
    const created = await store.create(task);
    logger.info('Task created', { taskId: created.taskId, agent: created.agentId, status: created.status });
    return created;
  };
  const transition: TaskStore['transition'] = async (taskId, from, to, changes, note, guard) => {
    const started = Date.now();
    try {
      const moved = await store.transition(taskId, from, to, changes, note, guard);
      logger.info('Task moved', { taskId, from: Array.isArray(from) ? from.join('|') : from, to, ms: Date.now() - started });
      return moved;
    } catch (error) {
      logger.info('Task not moved', { taskId, to, outcome: error instanceof Error ? error.constructor.name : 'error', ms: Date.now() - started });
      throw error;
    }
  };
  // Every other method as the store has it, including ones added later.
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'create') return create;
      if (property === 'transition') return transition;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
