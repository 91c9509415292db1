import type { AgentFactory } from '../staff-member';
import { createRevertAgent } from '.';

/** The Revert Agent on the platform's adapters: it reverts changes of the website repository the UX Agent edits. */
export const createAgent: AgentFactory = (platform) => createRevertAgent({ repoHost: platform.repoHost, logger: platform.logger });
