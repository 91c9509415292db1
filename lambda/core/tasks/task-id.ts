import { createHash } from 'node:crypto';

/** Derived from the interaction id, so a retried worker event finds the task it already created. */
export const taskIdFor = (interactionId: string): string => createHash('sha256').update(`task:${interactionId}`).digest('hex').slice(0, 12);
