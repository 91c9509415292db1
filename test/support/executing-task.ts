import type { ProposalOutcome } from '../../lambda/core/domain/agent';
import type { Task } from '../../lambda/core/domain/task';

/** A task in `executing` holding an agent's proposal, as the worker hands it to `execute`. */
export function executingTaskFor(outcome: ProposalOutcome, fields: Partial<Task> = {}): Task {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${JSON.stringify(outcome)}`);
  return {
    taskId: 'tsk_01HX9ABCDEF',
    agentId: 'ux',
    command: '/ux-update command:section:header text:"Test Deploy"',
    options: {},
    status: 'executing',
    requesterId: '111111111111',
    requesterName: 'Alice',
    applicationId: 'app',
    interactionToken: 'token',
    proposal: outcome.proposal,
    summary: outcome.summary,
    createdAt: '2026-03-01T10:20:00.000Z',
    updatedAt: '2026-03-01T10:20:00.000Z',
    confirmBy: '2026-03-01T11:20:00.000Z',
    expiresAt: 0,
    trace: [],
    version: 1,
    ...fields,
  };
}
