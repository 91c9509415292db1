/** The message of anything thrown, for a log line. Never shown to people as is: see `explainedReason`. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * An error whose message is a sentence written for the people using the bot: what failed and
 * what to do, with no internals. What the outside system said (`connect ECONNREFUSED …`, git's
 * stderr) goes in `detail`, which only the log shows.
 */
export class ExplainedError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The sentence to show a person about `error`, or undefined when it carries none (its text is internal). */
export const explainedReason = (error: unknown): string | undefined => (error instanceof ExplainedError ? error.message : undefined);

/** Everything a log line should say about `error`: its message, its detail and its cause's message. */
export function errorDetail(error: unknown): string {
  const parts = [errorMessage(error)];
  if (error instanceof ExplainedError && error.detail) parts.push(error.detail);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause !== undefined) parts.push(`cause: ${errorMessage(cause)}`);
  return parts.join(' · ');
}
