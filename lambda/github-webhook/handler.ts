import { secretParameterName, SECRET_DEFINITIONS } from '../core/contract/parameters';
import type { StageName } from '../core/contract/stages';
import { headerValue } from '../core/discord/headers';
import { describeIssues, isHandledPullRequestAction, pullRequestEventSchema } from '../core/github/events';
import { applyPullRequestEvent, PullRequestNoticeError, type PullRequestOutcome } from '../core/github/pull-request-events';
import { verifyGithubSignature } from '../core/github/signature';
import { isDeploymentEvent } from '../core/github/deployment-events';
import { rememberMergeCommit } from '../core/github/deployment-notices';
import type { MergeCommits } from '../core/ports/merge-commits';
import type { ScreenshotJobs } from '../core/ports/screenshot-jobs';
import { handleDeploymentDelivery } from './deployment-delivery';
import type { DiscordApi } from '../core/ports/discord-api';
import type { FlagReader } from '../core/ports/flags';
import type { Ledger } from '../core/ports/ledger';
import type { Logger } from '../core/ports/logger';
import type { SecretReader } from '../core/ports/secrets';
import type { TaskStore } from '../core/ports/task-store';
import { errorMessage } from '../core/domain/error-message';

/** The parts of an API Gateway proxy event (REST v1 or HTTP v2) the webhook reads. */
export interface WebhookHttpRequest {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface WebhookHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface GithubWebhookDeps {
  stage: StageName;
  tasks: TaskStore;
  ledger: Ledger;
  discord: DiscordApi;
  secrets: SecretReader;
  logger: Logger;
  /** GitHub gives up after 10 s; the work is one write and one Discord call, which this bounds. */
  noticeTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Deployment events (preview live, change live) start the screenshot function; without these they are ignored. */
  screenshots?: ScreenshotJobs;
  mergeCommits?: MergeCommits;
  /** site-url and preview-hosts: a deployment URL the screenshot function would refuse is ignored before its notice is claimed. */
  flags?: FlagReader;
  /** The screenshot function's extraHosts (local mode: its loopback preview servers). */
  screenshotHosts?: readonly string[];
}

/** GitHub caps payloads at 25 MB; pull_request payloads are tens of kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
/** GitHub keeps the same X-GitHub-Delivery on redelivery; remember it for a few days. */
const DELIVERY_CLAIM_TTL_SECONDS = 3 * 24 * 3600;

const reply = (statusCode: number, body: string): WebhookHttpResponse => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/** Verifies, de-duplicates and applies one GitHub webhook delivery. Never throws: every outcome is an HTTP answer. */
export async function handleGithubWebhook(request: WebhookHttpRequest, deps: GithubWebhookDeps): Promise<WebhookHttpResponse> {
  try {
    return await handle(request, deps);
  } catch (error) {
    deps.logger.error('GitHub webhook failed unexpectedly.', { error: errorMessage(error) });
    return reply(500, 'The webhook could not be processed because of an internal error; the function logs say why. Redeliver it from GitHub once fixed.');
  }
}

/** The handler with its dependencies bound: what the Lambda entry and local mode call. */
export function createGithubWebhookHandler(deps: GithubWebhookDeps): (request: WebhookHttpRequest) => Promise<WebhookHttpResponse> {
  return (request) => handleGithubWebhook(request, deps);
}

async function handle(request: WebhookHttpRequest, deps: GithubWebhookDeps): Promise<WebhookHttpResponse> {
  const { logger } = deps;
  const event = headerValue(request.headers, 'x-github-event');
  const deliveryId = headerValue(request.headers, 'x-github-delivery');
  const context = { event, deliveryId };

  const body = Buffer.from(request.body ?? '', request.isBase64Encoded ? 'base64' : 'utf8');
  const maxBytes = deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  if (body.length > maxBytes) {
    logger.warn('Rejected a GitHub webhook body over the size limit.', { ...context, bytes: body.length, maxBytes });
    return reply(413, `The body is ${body.length} bytes; this endpoint accepts at most ${maxBytes} bytes.`);
  }

  const secret = await deps.secrets.get('github-webhook-secret');
  if (!secret) {
    logger.error(
      `The GitHub webhook secret is not set, so no delivery can be verified. Set it with \`npm run put-secret -- --stage ${deps.stage} --name github-webhook-secret\` ` +
        `(SSM SecureString ${secretParameterName(deps.stage, 'github-webhook-secret')}); locally, set ${SECRET_DEFINITIONS['github-webhook-secret'].envVar}.`,
      context,
    );
    return reply(503, 'The webhook secret is not configured on this side yet; the operator must set it. Nothing was processed.');
  }

  const signature = await verifyGithubSignature(secret, body, headerValue(request.headers, 'x-hub-signature-256'));
  if (!signature.valid) {
    logger.warn(`Rejected a GitHub webhook: signature ${signature.reason}.`, context);
    return reply(401, SIGNATURE_ANSWERS[signature.reason]);
  }

  if (!event) return reply(400, 'The X-GitHub-Event header is missing; it names the event in the body.');

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    logger.warn('Rejected a GitHub webhook whose body is not JSON.', context);
    return reply(400, 'The body is not JSON. Set the webhook content type to application/json in GitHub.');
  }

  if (event === 'ping') {
    logger.info('GitHub ping received: the webhook is connected.', context);
    return reply(200, 'pong');
  }
  if (isDeploymentEvent(event)) {
    const answer = await handleDeploymentDelivery(event, payload, deliveryId, deps);
    return reply(answer.statusCode, answer.body);
  }
  if (event !== 'pull_request') {
    logger.info(`Ignored a GitHub "${event}" event: only pull_request and deployment events are used.`, context);
    return reply(200, `Ignored: "${event}" events are not used; subscribe to Pull request, and for the screenshots Deployment status, Status and Check run, only.`);
  }

  const parsed = pullRequestEventSchema.safeParse(payload);
  if (!parsed.success) {
    const problem = describeIssues(parsed.error);
    logger.warn('Rejected a pull_request event without the fields it needs.', { ...context, problem });
    return reply(400, `The pull_request payload is missing fields this service needs (${problem}).`);
  }
  const pullRequest = parsed.data;
  const ref = `${pullRequest.repository.full_name}#${pullRequest.pull_request.number}`;
  if (pullRequest.action === 'closed' && pullRequest.pull_request.merged && deps.mergeCommits) {
    // Remembered before (and whatever becomes of) the "merged" notice: its production deployment then finds
    // the task ("Live on …") even when Discord refused the notice. Idempotent; a failure costs only that notice.
    await rememberMergeCommit(payload, { tasks: deps.tasks, mergeCommits: deps.mergeCommits }).catch((error: unknown) =>
      logger.warn('Could not remember the merge commit; its production deployment will not be announced.', { ...context, error: errorMessage(error) }),
    );
  }
  if (!isHandledPullRequestAction(pullRequest.action)) {
    logger.info(`Ignored pull_request "${pullRequest.action}" of ${ref}: that action does not change a task.`, context);
    return reply(200, `Ignored: action "${pullRequest.action}" does not change a task.`);
  }
  if (!deliveryId) return reply(400, 'The X-GitHub-Delivery header is missing; it identifies the delivery.');

  const claimKey = `github-delivery#${deliveryId}`;
  if (!(await deps.ledger.claimOnce(claimKey, DELIVERY_CLAIM_TTL_SECONDS))) {
    logger.info(`Delivery ${deliveryId} was already processed; answered without repeating it.`, { ...context, pullRequest: ref });
    return reply(200, `Delivery ${deliveryId} was already processed.`);
  }

  let outcome: PullRequestOutcome;
  try {
    outcome = await applyPullRequestEvent(pullRequest, deps);
  } catch (error) {
    // Let a redelivery from GitHub try again.
    await deps.ledger.release(claimKey).catch((releaseError: unknown) =>
      logger.error('Could not release the delivery claim; a redelivery will be skipped.', { ...context, error: errorMessage(releaseError) }),
    );
    if (error instanceof PullRequestNoticeError) {
      logger.error(error.message, { ...context, pullRequest: ref });
      return reply(502, `${error.message} Redeliver from GitHub to retry the message.`);
    }
    throw error;
  }

  switch (outcome.kind) {
    case 'ignored':
      logger.info(`Ignored pull_request "${pullRequest.action}": ${outcome.reason}.`, { ...context, pullRequest: ref });
      return reply(200, `Ignored: ${outcome.reason}.`);
    case 'already-notified':
      logger.info(`Task ${outcome.taskId} was already told about ${outcome.change} of ${ref}; nothing repeated.`, context);
      return reply(200, `Task ${outcome.taskId} already reflects ${outcome.change}.`);
    case 'notified':
      logger.info(`Task ${outcome.taskId} is ${outcome.status} after ${outcome.change} of ${ref}; requester notified.`, context);
      return reply(200, `Task ${outcome.taskId} is ${outcome.status}.`);
  }
}

const SIGNATURE_ANSWERS = {
  missing: 'The X-Hub-Signature-256 header is missing. Set a webhook secret in the GitHub App settings. Nothing was processed.',
  malformed: 'The X-Hub-Signature-256 header is not of the form sha256=<64 hex digits>. Nothing was processed.',
  mismatch: 'The signature does not match the body. Check that the GitHub webhook secret equals github-webhook-secret. Nothing was processed.',
} as const;

