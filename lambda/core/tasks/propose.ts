import type { DiscordMessage } from '../domain/discord-message';
import { TaskTooLargeError, isFinished } from '../domain/task';
import { createTaskOnce } from './create-task';
import { ANSWERED_INTERACTION_HOLD_SECONDS, interactionClaimKey } from './ledger-keys';
import { failureMessage, plainMessage, proposalMessage } from './messages';
import { offerChoice } from './offer-choice';
import { errorText, type ProposeItem, type TaskDeps } from './deps';
import { taskIdFor } from './task-id';
import { publishTask, threadNameOf } from './thread';
import { keepSiteOutline } from './site-outline';
import { PREVIEW_NOTES } from './public-message';
import { sectionChoice } from './section-question';

const PROPOSE_AGAIN = 'Nothing was changed. Try the command again in a minute; if it keeps failing, ask an operator to check the worker logs.';

/**
 * Propose: the agent answers a request once per interaction (claimed in the ledger); a proposal
 * becomes a task waiting for Confirm, a choice a task waiting for a pick, anything else a message.
 */
export async function propose(item: ProposeItem, deps: TaskDeps): Promise<void> {
  const { applicationId, token } = item.interaction;
  const show = (message: DiscordMessage) => deps.discord.editOriginal(applicationId, token, message);
  const agent = deps.agents.byId(item.agentId);
  if (!agent) {
    await show(plainMessage({ content: `The agent "${item.agentId}" is not available in this deployment, so nothing was proposed.` }));
    return;
  }
  // Lambda may deliver an event twice and a signed request may be replayed: propose once per interaction.
  const claimKey = interactionClaimKey(item.interaction.interactionId);
  let claimed: boolean;
  try {
    claimed = await deps.ledger.claimOnce(claimKey, deps.timings.proposeLeaseSeconds);
  } catch (error) {
    deps.logger.error('Could not record the request before proposing', { interactionId: item.interaction.interactionId, error: errorText(error) });
    await show(failureMessage(`${agent.name} could not take the request`, error, PROPOSE_AGAIN));
    return;
  }
  if (!claimed) {
    deps.logger.info('Proposal skipped: this interaction was already handled', { interactionId: item.interaction.interactionId });
    return;
  }
  // Answered, the id is held past Discord's signature window, so a replayed request is skipped.
  const holdAnswered = () =>
    deps.ledger.hold(claimKey, ANSWERED_INTERACTION_HOLD_SECONDS).catch((error: unknown) => {
      deps.logger.warn('Could not keep the record of an answered request', { interactionId: item.interaction.interactionId, error: errorText(error) });
    });
  try {
    const earlier = await deps.tasks.get(taskIdFor(item.interaction.interactionId));
    if (earlier && isFinished(earlier.status)) {
      // A request whose task was cancelled, expired or done is never proposed again.
      deps.logger.info('Proposal skipped: this request already has a finished task', { interactionId: item.interaction.interactionId, taskId: earlier.taskId, status: earlier.status });
      await holdAnswered();
      return;
    }
  } catch (error) {
    deps.logger.warn('Could not look for an earlier task of this request', { interactionId: item.interaction.interactionId, error: errorText(error) });
  }
  try {
    const flags = await deps.flags.all();
    const outcome = await agent.propose(
      {
        command: item.command,
        options: item.options,
        requester: item.interaction.requester,
        guildId: item.interaction.guildId,
        channelId: item.interaction.channelId,
        commandLine: item.commandLine,
      },
      { flags, now: deps.now },
    );
    await keepSiteOutline(agent, deps);
    switch (outcome.kind) {
      case 'clarification': {
        // A question about the section is answered with a click, privately: the request is tried in each section found.
        const choice = await sectionChoice(agent, item, outcome, { flags, now: deps.now });
        if (choice) await offerChoice(item, agent, choice.question, choice.candidates, deps, { privately: true });
        else await show(plainMessage(outcome.message));
        break;
      }
      case 'rejected':
      case 'answer':
        await show(plainMessage(outcome.message));
        break;
      case 'proposal': {
        const task = await createTaskOnce(item, agent, { status: 'awaiting_confirmation', summary: outcome.summary, proposal: outcome.proposal }, deps);
        // A task that moved on (cancelled while this attempt ran) keeps the message it has.
        if (task.status === 'awaiting_confirmation') await publishTask(task, proposalMessage(task, outcome.preview, agent.refine !== undefined), item.interaction, threadNameOf(item.options, item.commandLine), PREVIEW_NOTES, deps);
        break;
      }
      case 'choice':
        await offerChoice(item, agent, outcome.question, outcome.candidates, deps);
        break;
    }
    await holdAnswered();
  } catch (error) {
    if (error instanceof TaskTooLargeError) {
      deps.logger.warn('The proposal is too large to store on the task', { agentId: agent.id, taskId: error.taskId, bytes: error.bytes });
      // The same request would make the same proposal: keep the claim, as for a refusal; trying again cannot help.
      await holdAnswered();
      await show(
        plainMessage({
          content:
            `${agent.name}'s proposal is too large to keep while it waits for Confirm (${Math.ceil(error.bytes / 1024)} KB; one task holds at most ${Math.floor(error.limitBytes / 1024)} KB), ` +
            'so nothing was proposed. Ask for a smaller change.',
        }),
      );
      return;
    }
    deps.logger.error('Proposing failed', { agentId: agent.id, interactionId: item.interaction.interactionId, error: errorText(error) });
    await deps.ledger.release(claimKey).catch(() => undefined);
    await show(failureMessage(`${agent.name} could not prepare a preview`, error, PROPOSE_AGAIN));
  }
}
