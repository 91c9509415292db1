/** Ledger claim keys shared by the interactions function (claims) and the worker (claims, releases). */
export const interactionClaimKey = (interactionId: string): string => `interaction#${interactionId}`;
export const confirmClaimKey = (taskId: string): string => `confirm#${taskId}`;
/**
 * A proposal's claim is a lease: longer than the worker's 120 s timeout, so a duplicate
 * delivery of the same event is skipped, yet expired by the time Lambda retries an attempt
 * that timed out. Discord's signature window (±5 min) bounds replays of the request itself.
 */
export const PROPOSE_CLAIM_TTL_SECONDS = 150;
