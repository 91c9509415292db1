import type { SiteOutline } from '../domain/site-outline';

/**
 * The last site outline of each agent (pages and sections), written by the worker after a discovery
 * and read by the interactions function to answer autocomplete within Discord's 3 s, never by discovering.
 */
export interface SiteOutlines {
  read(agentId: string): Promise<SiteOutline | undefined>;
  write(agentId: string, outline: SiteOutline): Promise<void>;
}
