import type { Requester } from './agent';

/** Work the `interactions` and `github-webhook` functions hand to the `worker`. */
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
  | { kind: 'confirm'; interaction: InteractionRef; taskId: string }
  | { kind: 'github-event'; deliveryId: string; event: string; payload: unknown };
