import type { Requester } from './agent';

/** Work the `interactions` function hands to the `worker`. GitHub webhooks need no hand-off (see docs/architecture.md). */
export interface InteractionRef {
  interactionId: string;
  applicationId: string;
  token: string;
  guildId?: string;
  channelId?: string;
  requester: Requester;
}

export type WorkItem =
  | { kind: 'propose'; interaction: InteractionRef; agentId: string; command: string; options: Record<string, string>; commandLine: string }
  | { kind: 'confirm'; interaction: InteractionRef; taskId: string };
