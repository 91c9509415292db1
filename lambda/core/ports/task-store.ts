import type { NewTask, Task, TaskAnnotation, TaskChanges, TaskStatus } from '../domain/task';

/** Tasks of the agents (the conversations table). */
export interface TaskStore {
  /** Creates the task; fails if the id exists. */
  create(task: NewTask): Promise<Task>;
  get(taskId: string): Promise<Task | undefined>;
  /**
   * Moves the task from one of `from` to `to` with one conditional write, applying `changes`
   * and appending a trace entry. Throws TaskConflictError when the task is in another status,
   * TaskNotFoundError when it does not exist. With `guard.version`, the move is made only on that
   * version of the task (a run settles only the task it holds; TaskConflictError once another moved it).
   */
  transition(taskId: string, from: TaskStatus | readonly TaskStatus[], to: TaskStatus, changes?: TaskChanges, note?: string, guard?: TransitionGuard): Promise<Task>;
  /** Records facts about the task that are no move (the thread it is discussed in), on the next version, the status kept. */
  annotate(taskId: string, changes: TaskAnnotation, note: string): Promise<Task>;
  /** The requester's most recent task. */
  lastByRequester(requesterId: string): Promise<Task | undefined>;
  /** Tasks not yet finished, newest first. */
  listOpen(limit?: number): Promise<Task[]>;
  /** The task that opened this pull request (repository "owner/name"). */
  findByPullRequest(repository: string, number: number): Promise<Task | undefined>;
}

/** A move made only on the version of the task the caller holds. */
export interface TransitionGuard {
  version: number;
}
