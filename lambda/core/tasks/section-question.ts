import type { Agent, AgentContext, ProposalCandidate } from '../domain/agent';
import type { DiscordMessage } from '../domain/discord-message';
import type { ProposeItem } from './deps';

/** At most this many sections are tried for a question (each a plan of the same request). */
const MAX_SECTIONS_TRIED = 10;
/** The agent's sentence sending the person back to the command line: the menu or the button replaces it. */
const RUN_AGAIN = /\s*(?:Run \/[\w-]+ again|Ask again)[^\n]*/gi;
const GUESSED = /Did you mean the ([\w-]+)\b/i;
const WHICH_SECTION = /Which section should change/i;

/** The question shown with the choices, and the choices: each the request made again in one section. */
export interface SectionChoice {
  question: DiscordMessage;
  candidates: ProposalCandidate[];
}

const textOf = (message: DiscordMessage): string => [message.content ?? '', ...(message.embeds ?? []).map((e) => e.description ?? '')].join('\n');

const withoutRunAgain = (message: DiscordMessage): DiscordMessage => ({
  ...message,
  ...(typeof message.content === 'string' ? { content: message.content.replace(RUN_AGAIN, '') } : {}),
  ...(message.embeds ? { embeds: message.embeds.map((e) => (e.description ? { ...e, description: e.description.replace(RUN_AGAIN, '') } : e)) } : {}),
});

/**
 * "Did you mean the footer?" and "Which section should change?" answered with a click: the request
 * is made again in each section the agent last discovered (its `section` option, the one /ux-update
 * autocompletes), and the sections that give a preview become the choices: the guessed one alone
 * (a "Yes, the footer" button), or all of them (a select menu). Undefined when the question is about
 * something else, or no section gives a preview: the question is then shown as it is.
 */
export async function sectionChoice(agent: Agent, item: ProposeItem, question: DiscordMessage, context: AgentContext): Promise<SectionChoice | undefined> {
  if (!item.options.description || item.options.section) return undefined;
  const text = textOf(question);
  const guessed = GUESSED.exec(text)?.[1];
  if (!guessed && !WHICH_SECTION.test(text)) return undefined;
  const known = agent.outline?.()?.sections ?? [];
  const sections = (guessed ? known.filter((s) => s.toLowerCase() === guessed.toLowerCase()) : known).slice(0, MAX_SECTIONS_TRIED);
  const candidates: ProposalCandidate[] = [];
  for (const section of sections) {
    const outcome = await agent.propose(
      { command: item.command, options: { ...item.options, section }, requester: item.interaction.requester, guildId: item.interaction.guildId, channelId: item.interaction.channelId, commandLine: `${item.commandLine} section:${section}` },
      context,
    );
    if (outcome.kind !== 'proposal') continue;
    candidates.push({ label: guessed ? `Yes, the ${section}` : section, description: outcome.summary, summary: outcome.summary, proposal: outcome.proposal, preview: outcome.preview });
  }
  return candidates.length === 0 ? undefined : { question: withoutRunAgain(question), candidates };
}
