import { defaultFlagValues } from '../../lambda/core/contract/flags';
import type { Agent, AgentContext, AgentRequest } from '../../lambda/core/domain/agent';

/** Plain-language requests every site has a place for, in rotation: a cold run asks one, the warm run after it the next. */
export const PREVIEW_REQUESTS: ReadonlyArray<Record<string, string>> = [
  { description: 'change the hero headline to "Ship faster with Acme"' },
  { description: 'change the footer copyright to "Acme Inc. All rights reserved."' },
  { description: 'make the navbar background dark blue' },
  { description: 'add a link "Pricing" to /pricing in the navbar' },
];

export const previewRequestAt = (i: number): Record<string, string> => PREVIEW_REQUESTS[i % PREVIEW_REQUESTS.length] as Record<string, string>;

const context: AgentContext = { flags: defaultFlagValues('dev'), now: () => new Date() };

/** What a person gets back: a preview with buttons (proposal), or a question with candidates (choice). */
export type PreviewKind = 'proposal' | 'choice';

/** propose() once; a refusal or an error stops the benchmark, since it would time a different path. */
export async function proposePreview(agent: Agent, options: Record<string, string>): Promise<PreviewKind> {
  const request: AgentRequest = {
    command: 'ux-update',
    options,
    requester: { id: '1', name: 'Bench', roles: [] },
    commandLine: `/ux-update ${Object.entries(options).map(([name, value]) => `${name}:${value}`).join(' ')}`,
  };
  const outcome = await agent.propose(request, context);
  if (outcome.kind === 'proposal' || outcome.kind === 'choice') return outcome.kind;
  throw new Error(`${request.commandLine} was answered ${outcome.kind}, not a preview: ${JSON.stringify('message' in outcome ? outcome.message : outcome).slice(0, 300)}`);
}

/** "4 proposal, 1 choice": the kinds seen, so a table says which path it timed. */
export function kindsSeen(kinds: readonly PreviewKind[]): string {
  const counts = new Map<PreviewKind, number>();
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
