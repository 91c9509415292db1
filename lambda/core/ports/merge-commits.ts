/** Which task's pull request a merge commit came from, so a production deployment of that commit finds the task. */
export interface MergeCommits {
  remember(repository: string, sha: string, taskId: string): Promise<void>;
  taskFor(repository: string, sha: string): Promise<string | undefined>;
}
