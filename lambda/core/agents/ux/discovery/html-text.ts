import { decodeHTML } from 'entities';

/** What a visitor reads in a string of HTML (`Equip <span class="…">ScrewFast</span>` → `Equip ScrewFast`): tags dropped, entities decoded, spaces folded. */
export function htmlText(html: string): string {
  return decodeHTML(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}
