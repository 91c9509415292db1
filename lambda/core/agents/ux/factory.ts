import type { AgentFactory } from '../staff-member';
import { createUxAgent } from '.';
import { createLlmIntentParser } from './llm/intent-parser';
import { createRulesParser } from './rules-parser';

/** The UX Agent on the platform's adapters: plain language through the LLM within the budget, the rules otherwise. */
export const createAgent: AgentFactory = (platform) =>
  createUxAgent({
    repoHost: platform.repoHost,
    logger: platform.logger,
    describeParser: createLlmIntentParser({
      fallback: createRulesParser(),
      secrets: platform.secrets,
      budget: platform.llmBudget,
      logger: platform.logger,
      stage: platform.stage,
      env: platform.env,
    }),
  });
