import type { Agent } from '../domain/agent';
import type { SiteOutlines } from '../ports/site-outlines';
import { errorText, type TaskDeps } from './deps';

/** What each store was last given per agent: a warm worker writes only when discovery found something new. */
const lastWritten = new WeakMap<SiteOutlines, Map<string, string>>();

/**
 * After the agent answered (a discovery happened or was reused), its outline of the site is kept for
 * /ux-update's autocomplete: one write when it changed. A failure only logs: suggestions are a convenience.
 */
export async function keepSiteOutline(agent: Agent, deps: Pick<TaskDeps, 'outlines' | 'logger'>): Promise<void> {
  const outline = agent.outline?.();
  const store = deps.outlines;
  if (!outline || !store) return;
  const json = JSON.stringify(outline);
  const written = lastWritten.get(store) ?? new Map<string, string>();
  lastWritten.set(store, written);
  if (written.get(agent.id) === json) return;
  try {
    await store.write(agent.id, outline);
    written.set(agent.id, json);
  } catch (error) {
    deps.logger.warn('Could not keep the site outline for autocomplete', { agentId: agent.id, error: errorText(error) });
  }
}
