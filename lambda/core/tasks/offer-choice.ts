import type { Agent, ProposalCandidate } from '../domain/agent';
import { DISCORD_LIMITS, EPHEMERAL, type DiscordMessage } from '../domain/discord-message';
import { TaskTooLargeError, type Task } from '../domain/task';
import { choiceMessage, plainMessage } from './messages';
import { createTaskOnce } from './create-task';
import type { ProposeItem, TaskDeps } from './deps';
import { publishTask, threadNameOf } from './thread';
import { QUESTION_NOTES } from './public-message';

/**
 * A question whose candidates become a select menu: the task waits in `awaiting_choice`
 * holding them, and the interactions function turns a pick into the candidate's preview.
 * `privately`: the question is the requester's alone (ephemeral, no thread): a typo or section
 * question is theirs to answer; the pick then posts the preview for everyone (tasks/publish-pick.ts).
 */
export async function offerChoice(
  item: ProposeItem,
  agent: Agent,
  question: DiscordMessage,
  offered: readonly ProposalCandidate[],
  deps: TaskDeps,
  { privately = false }: { privately?: boolean } = {},
): Promise<void> {
  const show = (message: DiscordMessage) => deps.discord.editOriginal(item.interaction.applicationId, item.interaction.token, message);
  if (offered.length === 0) {
    await show(plainMessage(question));
    return;
  }
  // A select menu holds 25 options; the option's value indexes the stored list, so store exactly what is shown.
  const candidates = offered.slice(0, DISCORD_LIMITS.selectOptions).map(
    ({ label, description, summary, proposal, preview }): ProposalCandidate => ({ label, ...(description === undefined ? {} : { description }), summary, proposal, preview }),
  );
  let task: Task;
  try {
    task = await createTaskOnce(item, agent, { status: 'awaiting_choice', candidates, ...(privately ? { askedPrivately: true } : {}) }, deps);
  } catch (error) {
    if (!(error instanceof TaskTooLargeError)) throw error;
    deps.logger.warn('The candidates are too large to store on the task', { agentId: agent.id, taskId: error.taskId, bytes: error.bytes });
    // The same request would give the same candidates: keep the claim, as for a refusal.
    await show(
      plainMessage({
        content:
          `${agent.name} found ${offered.length} places that match, but together they are too large to keep while you choose ` +
          `(${Math.ceil(error.bytes / 1024)} KB; one task holds at most ${Math.floor(error.limitBytes / 1024)} KB), so nothing was proposed. ` +
          'Run the command again naming the section or the exact text, so fewer places match.',
      }),
    );
    return;
  }
  if (task.status !== 'awaiting_choice') return;
  const asked = choiceMessage(task, question, candidates, offered.length - candidates.length);
  if (privately) {
    // The first follow-up after the private deferral: flagged ephemeral, it stays the requester's alone.
    await deps.discord.followUp(item.interaction.applicationId, item.interaction.token, { ...asked, flags: EPHEMERAL });
    return;
  }
  await publishTask(task, asked, item.interaction, threadNameOf(item.options, item.commandLine), QUESTION_NOTES, deps);
}
