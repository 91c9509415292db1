/**
 * A task is one DynamoDB item (400 KB at most) and holds its proposal: an agent measures what it
 * proposes against this and refuses up front, leaving 40 KB for the rest of the task (names,
 * command, interaction token, the trace of its moves, the last error).
 */
export const MAX_PROPOSAL_BYTES = 360 * 1024;

/** What a proposal takes in its task's item: it is stored as JSON text, counted in UTF-8 bytes. */
export const proposalBytes = (proposal: unknown): number => Buffer.byteLength(JSON.stringify(proposal), 'utf8');
