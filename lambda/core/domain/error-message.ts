/** The message of anything thrown, for a log line or a sentence to the user. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
