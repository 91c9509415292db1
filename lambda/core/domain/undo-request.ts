/**
 * "undo that", "cancel", "never mind": words typed in a task's thread (or its Refine box) that ask
 * to drop the whole task rather than change it. The platform handles them (cancel before Confirm,
 * close the draft pull request after, hand over to the revert after merge); an agent's `refine`
 * is never asked. "never mind the footer" or "undo the footer change" name one change: not this.
 */
const UNDO = /^(?:(?:no|ok(?:ay)?|actually|sorry|hmm+|wait|please)[,!.]?\s+)*(?:undo|cancel|revert|scrap|forget|drop|stop|abort|never\s*mind|nvm|nevermind)(?:\s+(?:it|that|this|all|everything|all\s+of\s+it|the\s+(?:whole\s+)?(?:thing|task|request|change|changes|update)))?(?:[,\s]+(?:please|pls|thanks|thank\s+you))*[.!]*$/i;

export function isUndoRequest(text: string): boolean {
  return UNDO.test(text.trim());
}
