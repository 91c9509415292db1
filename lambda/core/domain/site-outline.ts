/** What an agent last discovered on the site, kept for /ux-update's autocomplete: page routes and section names. */
export interface SiteOutline {
  pages: string[];
  sections: string[];
  /** The commit it was discovered at, when the agent says. */
  commit?: string;
}

/** Autocomplete lists at most 25 choices. */
export const AUTOCOMPLETE_CHOICES = 25;

/** The choices for what is typed so far: those starting with it first, then those containing it; at most 25. */
export function matchingChoices(values: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  const starts = values.filter((v) => v.toLowerCase().startsWith(needle));
  const contains = values.filter((v) => !v.toLowerCase().startsWith(needle) && v.toLowerCase().includes(needle));
  return [...starts, ...contains].slice(0, AUTOCOMPLETE_CHOICES);
}
