import { TaskConflictError, type Task } from '../domain/task';
import { errorText, type TaskDeps, type WithdrawItem } from './deps';
import { failureMessage, personName, plainMessage } from './messages';
import { accessOf, mayConfirm } from './permissions';

/**
 * Withdraw ("undo that" in the task's thread after Confirm, before merge): the draft pull request
 * is closed and the task's branch deleted, then the task moves `pr_open → closed` with one
 * conditional write. Checked as a Confirm (the flags as they are now), since it undoes one. A
 * pull request merged meanwhile is left alone: the person is pointed to Revert.
 */
export async function withdraw(item: WithdrawItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token, requester } = item.interaction;
  const show = (content: string) => deps.discord.editOriginal(applicationId, token, plainMessage({ content }));
  const task = await deps.tasks.get(item.taskId);
  if (!task || task.status !== 'pr_open') {
    await show(task?.status === 'merged' ? 'This change was merged meanwhile, so its pull request was not closed: click Revert under the merged notice to undo it.' : `This request is ${task ? task.status.replace(/_/g, ' ') : 'gone'}, so there was nothing to close.`);
    return;
  }
  const permission = mayConfirm(accessOf(task, deps.agents), requester, task, { ...(await deps.flags.all()), 'require-second-approver': false }, deps.locateFlag);
  if (!permission.allowed) {
    await show(`Not undone, the pull request stays open: ${permission.message}`);
    return;
  }
  try {
    const removed = await removeWork(task, deps);
    await deps.tasks.transition(task.taskId, 'pr_open', 'closed', {}, `withdrawn by ${requester.name}`);
    await show(`Undone by ${personName(requester.name)}: ${removed} (task \`${task.taskId}\`).`);
  } catch (error) {
    if (error instanceof TaskConflictError) {
      await show('The pull request changed state while it was being closed (merged or closed on GitHub); nothing more was done here.');
      return;
    }
    deps.logger.error('Withdrawing a pull request failed', { taskId: task.taskId, error: errorText(error) });
    await show(failureMessage('Could not undo the change', error, 'The pull request may still be open: say `undo that` again in a minute, or close it on GitHub.').content ?? '');
  }
}

/** Closes the pull request and deletes the branch; the sentence says what was removed. */
async function removeWork(task: Task, deps: TaskDeps): Promise<string> {
  const host = deps.repoHost;
  if (task.pullRequest && host?.withdrawPullRequest) {
    const done = await host.withdrawPullRequest(task.pullRequest.number, task.branch ?? '');
    return `draft pull request #${task.pullRequest.number} closed${done.branch === 'deleted' ? ` and its branch \`${task.branch}\` deleted` : ''}`;
  }
  if (task.branch && host) {
    const deleted = await host.deleteBranch(task.branch);
    return deleted === 'deleted' ? `the branch \`${task.branch}\` deleted` : `the branch \`${task.branch}\` was already gone`;
  }
  return 'nothing was left to remove';
}
