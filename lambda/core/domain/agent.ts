import type { FlagName, FlagValues } from '../contract/flags';
import type { DiscordMessage } from './discord-message';
import type { AgentRoles, Requester } from './roles';
import type { SiteOutline } from './site-outline';
import type { JsonValue, ProposalCandidate, PullRequestRef, Task } from './task';

export type { Requester } from './roles';
export type { ProposalCandidate } from './task';

export interface AgentRequest {
  command: string;
  options: Record<string, string>;
  requester: Requester;
  guildId?: string;
  channelId?: string;
  /** The command line as the user typed it, for the PR body and audit. */
  commandLine: string;
}

export interface AgentContext {
  flags: FlagValues;
  now: () => Date;
}

/** What an agent answers to a request: a concrete proposal to confirm, candidates to pick from, or a sentence back. */
export type ProposalOutcome =
  | {
      kind: 'proposal';
      /** One line: what will change. */
      summary: string;
      /** Agent-specific data `execute` needs, stored on the task. */
      proposal: JsonValue;
      /** The preview shown above the Confirm / Cancel buttons (the platform adds the buttons). */
      preview: DiscordMessage;
    }
  | {
      kind: 'clarification';
      message: DiscordMessage;
      /**
       * The question is which section ("Did you mean the footer?", "Which section should change?"): the
       * platform may answer it with a click, trying the request in each of `sections` (the guessed one
       * alone when there is one); `message` is then the question shown above the choices.
       */
      sectionQuestion?: { message: DiscordMessage; sections: readonly string[]; guessed?: string };
    }
  | { kind: 'rejected'; message: DiscordMessage }
  /** Several places match: one question, the candidates as a select menu; picking one continues this task to its preview. */
  | { kind: 'choice'; question: DiscordMessage; candidates: ProposalCandidate[] }
  /** Information only (e.g. /ux-map): shown as it is, no task is made. */
  | { kind: 'answer'; message: DiscordMessage };

export type ExecutionOutcome =
  | { kind: 'done'; message: DiscordMessage; branch?: string; pullRequest?: PullRequestRef }
  /** Nothing half-made remains or it will be reused: the user may Confirm again. */
  | { kind: 'retryable'; message: DiscordMessage; error: string; branch?: string }
  | { kind: 'failed'; message: DiscordMessage; error: string };

/** An agent is an employee: it proposes work, and does it once a person confirms. */
export interface Agent {
  id: string;
  name: string;
  description: string;
  /** Slash command names (without "/") this agent answers. */
  commands: readonly string[];
  /** One of the agent's own boolean flags (declared in its folder) that, when true, pauses it without a redeploy. */
  pausedBy?: FlagName;
  /** Who may ask it for work and who may confirm what it proposes; checked at the request and again at Confirm. */
  roles: AgentRoles;
  propose(request: AgentRequest, context: AgentContext): Promise<ProposalOutcome>;
  /**
   * Optional: a follow-up on the open preview (the Refine box, or a request in the task's thread) —
   * "darker", "actually call it Plans", "also make the footer blue", "drop the footer change" —
   * read against the task's current proposal (`task.proposal`) by `requester` (whom the platform
   * checks as for a request). Answers like `propose`: `proposal` is the amended one, which replaces
   * the open preview on the same task (Confirm / Cancel again; nothing is committed); `choice` or
   * `clarification` asks one question; `rejected` is a sentence for the person alone, the open
   * preview kept as it was. "undo that" / "cancel" are the platform's (domain/undo-request.ts), never
   * passed here. An agent without it (the Revert Agent) has nothing to refine.
   */
  refine?(task: Task, text: string, requester: Requester, context: AgentContext): Promise<ProposalOutcome>;
  execute(task: Task, context: AgentContext): Promise<ExecutionOutcome>;
  /** Optional: the pages and sections of the site it last discovered (for autocomplete); undefined before its first discovery. */
  outline?(): SiteOutline | undefined;
}
