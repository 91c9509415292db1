import type { FlagReader } from '../core/ports/flags';
import type { Logger } from '../core/ports/logger';
import { refusalSentence, screenshotUrlRefusal } from '../core/screenshots/url-guard';
import { readDeploymentEvent, type DeploymentEventName } from '../core/github/deployment-events';
import { applyDeployment, DeploymentNoticeError, type DeploymentNoticeDeps } from '../core/github/deployment-notices';

export interface DeploymentDeliveryAnswer {
  statusCode: number;
  body: string;
}

const DELIVERY_CLAIM_TTL_SECONDS = 3 * 24 * 3600;

/** A verified deployment_status, status or check_run delivery: de-duplicated, then the screenshot function is started for the task it shows. */
export async function handleDeploymentDelivery(
  event: DeploymentEventName,
  payload: unknown,
  deliveryId: string | undefined,
  deps: Partial<DeploymentNoticeDeps> & Pick<DeploymentNoticeDeps, 'tasks' | 'ledger'> & { logger: Logger; flags?: FlagReader; screenshotHosts?: readonly string[] },
): Promise<DeploymentDeliveryAnswer> {
  const { logger } = deps;
  const context = { event, deliveryId };
  if (!deps.screenshots || !deps.mergeCommits) {
    logger.info(`Ignored a GitHub "${event}" event: this deployment has no screenshot function.`, context);
    return { statusCode: 200, body: `Ignored: "${event}" events are not used here.` };
  }
  const reading = readDeploymentEvent(event, payload);
  if (reading.kind === 'invalid') {
    logger.warn(`Rejected a ${event} event without the fields it needs.`, { ...context, problem: reading.problem });
    return { statusCode: 400, body: `The ${event} payload is missing fields this service needs (${reading.problem}).` };
  }
  if (reading.kind === 'ignored') {
    logger.info(`Ignored ${event}: ${reading.reason}.`, context);
    return { statusCode: 200, body: `Ignored: ${reading.reason}.` };
  }
  if (!deliveryId) return { statusCode: 400, body: 'The X-GitHub-Delivery header is missing; it identifies the delivery.' };
  // The screenshot function's own policy, checked before anything is claimed: a refused URL must not use up
  // the task's one notice, so a later deployment with a good URL still gets it.
  const flags = await deps.flags?.all();
  const refusal = screenshotUrlRefusal(reading.deployment.url, { siteUrl: flags?.['site-url'], previewHosts: flags?.['preview-hosts'], extraHosts: deps.screenshotHosts });
  if (refusal) {
    logger.warn(`Ignored ${event}: its URL is not screenshotted.`, { ...context, url: reading.deployment.url, reason: refusal.reason });
    return { statusCode: 200, body: `Ignored: ${refusalSentence(refusal)}` };
  }
  const claimKey = `github-delivery#${deliveryId}`;
  if (!(await deps.ledger.claimOnce(claimKey, DELIVERY_CLAIM_TTL_SECONDS))) return { statusCode: 200, body: `Delivery ${deliveryId} was already processed.` };
  try {
    const outcome = await applyDeployment(reading.deployment, { tasks: deps.tasks, ledger: deps.ledger, screenshots: deps.screenshots, mergeCommits: deps.mergeCommits, logger });
    switch (outcome.kind) {
      case 'ignored':
        logger.info(`Ignored ${event}: ${outcome.reason}.`, context);
        return { statusCode: 200, body: `Ignored: ${outcome.reason}.` };
      case 'already-started':
        return { statusCode: 200, body: `Task ${outcome.taskId} already has its ${outcome.job} notice.` };
      case 'started':
        logger.info(`Screenshots of the ${outcome.job} of task ${outcome.taskId} started.`, { ...context, url: reading.deployment.url });
        return { statusCode: 202, body: `Task ${outcome.taskId}: ${outcome.job} screenshots started.` };
    }
  } catch (error) {
    await deps.ledger.release(claimKey).catch(() => undefined);
    if (error instanceof DeploymentNoticeError) {
      logger.error(error.message, context);
      return { statusCode: 502, body: `${error.message} Redeliver from GitHub to retry.` };
    }
    throw error;
  }
}
