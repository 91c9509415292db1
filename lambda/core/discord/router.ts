import { COMMANDS, findCommand, isCommandEnabled, PLATFORM_COMMANDS } from './commands';
import { agentRequestReply } from './commands/agent-request';
import { agentsReply } from './commands/agents';
import { debugLastReply } from './commands/debug-last';
import { statusReply } from './commands/status';
import { revertButtonReply } from './buttons/revert-click';
import { taskButtonReply } from './buttons/task-button-click';
import type { InteractionDeps } from './interaction-deps';
import type { ParsedInteraction } from './interaction';
import { ephemeral, pong, type InteractionResponse } from './responses';
import { autocompleteReply } from './commands/autocomplete';
import { parseRevertButtonId } from './revert-button';
import { refineSubmitReply } from './modals/refine-submit';

const commandNames = (): string => Object.keys(COMMANDS).map((name) => `/${name}`).join(', ');

/** Answers a verified interaction within Discord's 3 s: directly when it is cheap, deferred otherwise. */
export async function routeInteraction(interaction: ParsedInteraction, deps: InteractionDeps): Promise<InteractionResponse> {
  switch (interaction.kind) {
    case 'ping':
      return pong();
    case 'unsupported':
      return ephemeral(`This bot does not handle that kind of interaction (type ${interaction.type}). Its commands are ${commandNames()}.`);
    case 'modal':
      return refineSubmitReply(interaction.customId, interaction.fields, interaction, deps);
    case 'autocomplete':
      return autocompleteReply(interaction.name, interaction.options, interaction.focused, deps);
    case 'component':
      if (parseRevertButtonId(interaction.customId)) return revertButtonReply(interaction.customId, interaction, deps);
      return taskButtonReply(interaction.customId, interaction, deps, interaction.values);
    case 'command': {
      const command = findCommand(interaction.name);
      if (!command) return ephemeral(`Unknown command /${interaction.name}. This bot answers ${commandNames()}.`);
      const flags = await deps.flags.all();
      if (!isCommandEnabled(command, flags)) {
        return ephemeral(`/${command.name} is switched off. An operator can turn it on by setting ${deps.locateFlag('enable-debug-cmd')} to true.`);
      }
      switch (command.name) {
        case PLATFORM_COMMANDS.agents.name:
          return agentsReply(deps.agents.list(), interaction.requester, flags, deps.locateFlag);
        case PLATFORM_COMMANDS.status.name:
          return statusReply(flags, deps);
        case PLATFORM_COMMANDS['debug-last'].name:
          return debugLastReply(await deps.tasks.lastByRequester(interaction.requester.id));
        default:
          return agentRequestReply(command, interaction.options, interaction, flags, deps);
      }
    }
  }
}
