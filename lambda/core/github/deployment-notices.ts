import type { ScreenshotJob } from '../domain/screenshot-job';
import type { Task } from '../domain/task';
import type { Ledger } from '../ports/ledger';
import type { Logger } from '../ports/logger';
import type { MergeCommits } from '../ports/merge-commits';
import type { ScreenshotJobs } from '../ports/screenshot-jobs';
import type { TaskStore } from '../ports/task-store';
import { mergedPullRequestSchema, type Deployment } from './deployment-events';

export interface DeploymentNoticeDeps {
  tasks: TaskStore;
  ledger: Ledger;
  screenshots: ScreenshotJobs;
  mergeCommits: MergeCommits;
  logger: Logger;
}

export type DeploymentOutcome =
  | { kind: 'ignored'; reason: string }
  | { kind: 'started'; taskId: string; job: ScreenshotJob['kind'] }
  | { kind: 'already-started'; taskId: string; job: ScreenshotJob['kind'] };

/** The screenshot function could not be started; the delivery is answered with an error so GitHub may redeliver it. */
export class DeploymentNoticeError extends Error {}

/** One notice per task and kind ("preview", "live", "no-preview"): a second deployment of the same branch says nothing again. */
export const siteNoticeKey = (taskId: string, kind: ScreenshotJob['kind'] | 'no-preview'): string => `site-notice#${taskId}#${kind}`;
const SITE_NOTICE_TTL_SECONDS = 30 * 24 * 3600;

/** The open task whose draft pull request this preview deploys: by the pull request numbers the event names, else by branch. */
async function previewTask(deployment: Deployment, tasks: TaskStore): Promise<Task | undefined> {
  for (const number of deployment.pullRequests) {
    const task = await tasks.findByPullRequest(deployment.repository, number);
    if (task) return task;
  }
  if (!deployment.branch) return undefined;
  const repository = deployment.repository.toLowerCase();
  return (await tasks.listOpen(100)).find((task) => task.branch === deployment.branch && task.pullRequest?.repository.toLowerCase() === repository);
}

/** A successful deployment → the task it shows → the screenshot function, once per task and kind. */
export async function applyDeployment(deployment: Deployment, deps: DeploymentNoticeDeps): Promise<DeploymentOutcome> {
  const where = `${deployment.repository}@${deployment.sha.slice(0, 7)}`;
  let task: Task | undefined;
  let job: ScreenshotJob['kind'];
  if (deployment.environment === 'production') {
    const taskId = await deps.mergeCommits.taskFor(deployment.repository, deployment.sha);
    task = taskId ? await deps.tasks.get(taskId) : undefined;
    if (!task) return { kind: 'ignored', reason: `the production deployment of ${where} is not the merge commit of an agent's pull request` };
    if (task.status !== 'merged') return { kind: 'ignored', reason: `task ${task.taskId} is ${task.status}, not merged` };
    job = 'live';
  } else {
    task = await previewTask(deployment, deps.tasks);
    if (!task) return { kind: 'ignored', reason: `no open task has ${deployment.branch ? `branch ${deployment.branch}` : `a pull request named by the event`} in ${deployment.repository}` };
    if (task.status !== 'pr_open') return { kind: 'ignored', reason: `task ${task.taskId} is ${task.status}, not pr_open` };
    job = 'preview';
  }
  const key = siteNoticeKey(task.taskId, job);
  if (!(await deps.ledger.claimOnce(key, SITE_NOTICE_TTL_SECONDS))) return { kind: 'already-started', taskId: task.taskId, job };
  try {
    await deps.screenshots.start({ kind: job, taskId: task.taskId, url: deployment.url, source: deployment.source });
  } catch (error) {
    await deps.ledger.release(key).catch(() => undefined);
    throw new DeploymentNoticeError(`The ${job} of task ${task.taskId} was deployed but the screenshot function could not be started: ${(error instanceof Error ? error.message : String(error)).replace(/\.?$/, '.')}`);
  }
  return { kind: 'started', taskId: task.taskId, job };
}

/** After a merge: remember its merge commit, so that commit's production deployment finds the task ("Live on …"). */
export async function rememberMergeCommit(payload: unknown, deps: Pick<DeploymentNoticeDeps, 'tasks' | 'mergeCommits'>): Promise<string | undefined> {
  const parsed = mergedPullRequestSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const { repository, pull_request: pr } = parsed.data;
  const task = await deps.tasks.findByPullRequest(repository.full_name, pr.number);
  if (!task) return undefined;
  await deps.mergeCommits.remember(repository.full_name, pr.merge_commit_sha, task.taskId);
  return task.taskId;
}
