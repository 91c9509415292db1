/** Ledger claim keys shared by the interactions function (claims) and the worker (releases). */
export const interactionClaimKey = (interactionId: string): string => `interaction#${interactionId}`;
export const confirmClaimKey = (taskId: string): string => `confirm#${taskId}`;
/** Interaction tokens live 15 minutes; a replay after that cannot be answered anyway. */
export const INTERACTION_CLAIM_TTL_SECONDS = 60 * 60;
