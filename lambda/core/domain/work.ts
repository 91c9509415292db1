import type { Requester } from './agent';

/**
 * Work the `interactions` function hands to the `worker`, and the scheduled `sweep` (an
 * EventBridge rule on AWS, a timer locally). GitHub webhooks need no hand-off (see docs/architecture.md).
 */
export interface InteractionRef {
  interactionId: string;
  applicationId: string;
  token: string;
  guildId?: string;
  channelId?: string;
  /** Discord's channel type where the interaction came from (11: a public thread), when Discord says. */
  channelType?: number;
  /** The message whose button (or Refine box) this came from: Confirm takes that message's buttons away. */
  messageId?: string;
  requester: Requester;
}

export type WorkItem =
  | { kind: 'propose'; interaction: InteractionRef; agentId: string; command: string; options: Record<string, string>; commandLine: string }
  | { kind: 'confirm'; interaction: InteractionRef; taskId: string }
  /** The Refine box's words (or, `fromThread`, a request typed in the task's thread) on an open preview, read against the task at `version` (a concurrent refinement wins or loses as a whole). */
  | { kind: 'refine'; interaction: InteractionRef; taskId: string; text: string; version: number; fromThread?: boolean }
  /** A pick under a private question (option `index`): the worker makes it the task's proposal and posts its preview for everyone. */
  | { kind: 'pick'; interaction: InteractionRef; taskId: string; index: number }
  /** "undo that" after Confirm, before merge: close the task's draft pull request and delete its branch. */
  | { kind: 'withdraw'; interaction: InteractionRef; taskId: string }
  /** A task cancelled by "undo that" typed in its thread: its open preview (or question) there loses its buttons (the interactions function has no Discord client). */
  | { kind: 'close-preview'; taskId: string }
  /** Resume (or hand back) tasks left `executing` by a worker that stopped, when no retry or click comes. */
  | { kind: 'sweep' };
