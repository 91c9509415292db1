import { redactSecrets } from '../domain/redact';
import { plainText } from '../domain/discord-text';
import { errorDetail, explainedReason } from '../domain/error-message';
import type { Logger } from '../ports/logger';

/**
 * What a person reads when `what` failed: the sentence the error carries (a repository host's
 * own, which says what to do), or, for anything internal (`socket hang up`, a stack), a sentence
 * without it; the detail goes to the log, never to Discord.
 */
export function failureReason(error: unknown, what: string, logger?: Logger): string {
  const explained = explainedReason(error);
  logger?.warn(what, { error: redactSecrets(errorDetail(error)) });
  if (explained) return `${what}: ${plainText(explained)}`;
  return `${what} because of an unexpected error (the details are in the worker's log). Try again in a minute; if it keeps failing, ask an operator to check the worker's log.`;
}
