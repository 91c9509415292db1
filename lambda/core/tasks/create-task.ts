import type { Agent } from '../domain/agent';
import { TaskTooLargeError, type NewTask, type Task } from '../domain/task';
import { confirmDeadline, type ProposeItem, type TaskDeps } from './deps';
import { taskIdFor } from './task-id';

/** How a proposed task starts: waiting for Confirm (a proposal) or for a pick (a choice). */
export type TaskStart = Pick<NewTask, 'summary' | 'proposal' | 'candidates' | 'askedPrivately'> & { status: 'awaiting_confirmation' | 'awaiting_choice' };

/** The task of a request, created once: a retried event finds the task its first attempt made. */
export async function createTaskOnce(item: ProposeItem, agent: Agent, start: TaskStart, deps: TaskDeps): Promise<Task> {
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
