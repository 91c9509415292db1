import type { Agent, AgentContext, ProposalCandidate, ProposalOutcome } from '../domain/agent';
import type { DiscordMessage } from '../domain/discord-message';
import type { ProposeItem } from './deps';

/** At most this many sections are tried for a question (each a plan of the same request). */
const MAX_SECTIONS_TRIED = 10;

/** The question shown with the choices, and the choices: each the request made again in one section. */
export interface SectionChoice {
  question: DiscordMessage;
  candidates: ProposalCandidate[];
}

/**
 * "Did you mean the footer?" and "Which section should change?" answered with a click: the agent says
 * its question is about the section (`sectionQuestion`, with the sections to offer); the request is
 * made again in each of them (its `section` option, the one /ux-update autocompletes), and those that
 * give a preview become the choices: the guessed one alone (a "Yes, the footer" button), or all of
 * them (a select menu). Undefined when the question is about something else, the request named a
 * section already, or no section gives a preview: the question is then shown as it is.
 */
export async function sectionChoice(agent: Agent, item: ProposeItem, asked: Extract<ProposalOutcome, { kind: 'clarification' }>, context: AgentContext): Promise<SectionChoice | undefined> {
  const question = asked.sectionQuestion;
  if (!question || !item.options.description || item.options.section) return undefined;
  const sections = (question.guessed ? [question.guessed] : question.sections).slice(0, MAX_SECTIONS_TRIED);
  const candidates: ProposalCandidate[] = [];
  for (const section of sections) {
    const outcome = await agent.propose(
      { command: item.command, options: { ...item.options, section }, requester: item.interaction.requester, guildId: item.interaction.guildId, channelId: item.interaction.channelId, commandLine: `${item.commandLine} section:${section}` },
      context,
    );
    if (outcome.kind !== 'proposal') continue;
    candidates.push({ label: question.guessed ? `Yes, the ${section}` : section, description: outcome.summary, summary: outcome.summary, proposal: outcome.proposal, preview: outcome.preview });
  }
  return candidates.length === 0 ? undefined : { question: question.message, candidates };
}
