/** Ledger claim keys shared by the interactions function (claims) and the worker (claims, releases). */
export const interactionClaimKey = (interactionId: string): string => `interaction#${interactionId}`;
export const confirmClaimKey = (taskId: string): string => `confirm#${taskId}`;
/*
 * While a proposal is being made its claim is a lease (executionTimings().proposeLeaseSeconds):
 * longer than the worker's timeout, so a duplicate delivery of the same event is skipped, yet
 * expired by the time Lambda retries an attempt that timed out.
 */
/**
 * Once the person has been answered the claim is held for the interaction token's 15 minutes:
 * longer than Discord's signature window (a request is accepted up to 300 s either side of its
 * timestamp, so up to 600 s after it first arrived), so a replayed request is skipped, and past
 * the token's life a replay could not edit the message anyway.
 */
export const ANSWERED_INTERACTION_HOLD_SECONDS = 900;

/** A task's thread, by the thread's id (its note: the task id): `/ux-update` typed in the thread finds its task. */
export const threadClaimKey = (threadId: string): string => `thread#${threadId}`;
/** As long as a task is kept after its last move (90 days): the thread outlives the preview. */
export const THREAD_POINTER_SECONDS = 90 * 24 * 3600;
