import type { APIModalInteractionResponse } from 'discord-api-types/v10';
import { taskButtonId } from '../../tasks/buttons';

/** The Refine box's one text input: its custom_id in the submitted modal. */
export const REFINE_TEXT_ID = 'words';
/** Long enough for a sentence or two; the agent says so past its own limit. */
export const REFINE_TEXT_MAX = 300;

/** The popup the Refine button opens: one text box; submitted, it carries the Refine button's custom_id. */
export function refineBox(taskId: string): APIModalInteractionResponse['data'] {
  return {
    custom_id: taskButtonId('refine', taskId),
    title: 'Refine this preview',
    components: [
      {
        type: 18,
        label: 'What should change?',
        description: 'e.g. darker · call it Plans · no, the footer · also make the footer blue · undo that',
        component: { type: 4, custom_id: REFINE_TEXT_ID, style: 2, min_length: 1, max_length: REFINE_TEXT_MAX, required: true, placeholder: 'a bit darker' },
      },
    ],
  };
}
