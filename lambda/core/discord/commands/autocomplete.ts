import { matchingChoices } from '../../domain/site-outline';
import { errorMessage } from '../../domain/error-message';
import type { InteractionDeps } from '../interaction-deps';
import { autocompleteChoices, type InteractionResponse } from '../responses';

/** The options suggested from the site outline, and which list of it each reads. */
const OUTLINE_LISTS = { page: 'pages', section: 'sections' } as const;

/**
 * Suggestions while `/ux-update section:` or `page:` is typed (interaction type 4, answered type 8):
 * one read of the outline the worker kept after its last discovery, never a discovery here.
 * Nothing known yet (or the read failed): no suggestions, and the person types freely.
 */
export async function autocompleteReply(commandName: string, options: Readonly<Record<string, string>>, focused: string | undefined, deps: InteractionDeps): Promise<InteractionResponse> {
  const agent = deps.agents.forCommand(commandName);
  const list = focused === 'page' || focused === 'section' ? OUTLINE_LISTS[focused] : undefined;
  if (!agent || !list || !deps.outlines || !focused) return autocompleteChoices([]);
  try {
    const outline = await deps.outlines.read(agent.id);
    const values = (outline?.[list] ?? []).filter((value) => value.length >= 1 && value.length <= 100);
    return autocompleteChoices(matchingChoices(values, options[focused] ?? '').map((value) => ({ name: value, value })));
  } catch (error) {
    deps.logger.warn('Could not read the site outline for autocomplete', { command: commandName, error: errorMessage(error) });
    return autocompleteChoices([]);
  }
}
