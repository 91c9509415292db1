/**
 * Work the github-webhook function hands to the screenshot function (asynchronous invoke): a preview
 * of the task's draft pull request is deployed, or the merged change is live in production.
 */
export interface ScreenshotJob {
  kind: 'preview' | 'live';
  taskId: string;
  /** The deployment's URL (environment_url, or the preview host's target/details URL). */
  url: string;
  /** Where GitHub said so: "deployment_status", "status" or "check_run". */
  source: string;
}
