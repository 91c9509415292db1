import type { KeyObject } from 'node:crypto';
import type { APIInteractionResponsePong, APIPingInteraction } from 'discord-api-types/v10';
import { AgentRegistry, type AgentProfile } from '../core/agents/registry';
import type { StageName } from '../core/contract/stages';
import type { HeaderMap } from '../core/discord/headers';
import type { InteractionDeps } from '../core/discord/interaction-deps';
import type { FlagLocator } from '../core/tasks/permissions';
import { executionTimings } from '../core/domain/task';
import type { FlagReader } from '../core/ports/flags';
import type { Ledger } from '../core/ports/ledger';
import type { LlmBudget } from '../core/ports/llm-budget';
import type { Logger } from '../core/ports/logger';
import type { TaskStore } from '../core/ports/task-store';
import type { SiteOutlines } from '../core/ports/site-outlines';
import type { WorkQueue } from '../core/ports/work-queue';
import type { InteractionResponse } from '../core/discord/responses';
import { verifyDiscordRequest } from '../core/discord/verify-request';
import { errorMessage } from '../core/domain/error-message';

/** The parts of an API Gateway proxy event (REST v1 or HTTP v2) this function reads. */
export interface InteractionHttpRequest {
  headers?: HeaderMap;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface InteractionHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** What the interactions function runs on; AWS (aws.ts), local mode and the tests each choose the adapters. */
export interface InteractionsPorts {
  stage: StageName;
  version: string;
  flags: FlagReader;
  tasks: TaskStore;
  ledger: Ledger;
  queue: WorkQueue;
  /** Read for /status only. */
  llmBudget: Pick<LlmBudget, 'readDailySpend'>;
  locateFlag: FlagLocator;
  taskTtlSeconds: number;
  /** WORKER_TIMEOUT_SECONDS: when a task still `executing` counts as left behind. */
  workerTimeoutSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** Tests and benchmarks: these agents instead of the staff (agents/staff.ts). */
  agents?: readonly AgentProfile[];
  /** The site outlines the worker keeps, for autocomplete. */
  outlines?: SiteOutlines;
}

/**
 * The function's two halves: the public key, which is all a PING needs, and the ports, loaded
 * on the first request that is not a PING (on AWS: the logger, the SDK clients, the router).
 */
export interface InteractionsEntry {
  publicKey: () => Promise<KeyObject>;
  ports: () => Promise<InteractionsPorts>;
  /** The clock that judges a signature's timestamp (tests move it). */
  now?: () => Date;
}

/** The router's dependencies from the ports: the staff's profiles (no agent code), the timings from the worker's timeout. */
export async function interactionsDeps(ports: InteractionsPorts): Promise<InteractionDeps> {
  const { llmBudget, workerTimeoutSeconds, agents, now, ...rest } = ports;
  return {
    ...rest,
    agents: new AgentRegistry(agents ?? (await import('../core/agents/staff')).AGENT_PROFILES),
    spend: { spentToday: (at) => llmBudget.readDailySpend(at) },
    timings: executionTimings(workerTimeoutSeconds),
    now: now ?? (() => new Date()),
  };
}

const json = (value: InteractionResponse): InteractionHttpResponse => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});
const text = (statusCode: number, body: string): InteractionHttpResponse => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

// Here rather than from the router's modules, which a PING does not load; the numbers are checked against discord-api-types.
const PING: APIPingInteraction['type'] = 1;
const PONG: APIInteractionResponsePong = { type: 1 };

/** Discord's PING (sent when the endpoint URL is saved, and now and then): verified, it needs nothing but PONG. */
function isPing(body: string): boolean {
  try {
    return (JSON.parse(body) as { type?: unknown }).type === PING;
  } catch {
    return false;
  }
}

const notConfigured = (error: unknown): InteractionHttpResponse => {
  console.error(JSON.stringify({ level: 'ERROR', message: 'The interactions function is not configured', error: errorMessage(error) }));
  return text(503, 'The bot is not configured yet; the operator should check the function logs.');
};

/**
 * Verify, parse, route, answer: the whole `POST /discord` endpoint. The interactions function's
 * one builder: on AWS, in local mode and in the tests, only the entry's adapters differ. A PING
 * is answered once verified, before the ports, the parser or the router are loaded.
 */
export function buildInteractions(entry: InteractionsEntry): (request: InteractionHttpRequest) => Promise<InteractionHttpResponse> {
  let loaded: Promise<InteractionDeps> | undefined;
  const deps = () =>
    (loaded ??= entry
      .ports()
      .then(interactionsDeps)
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      }));
  const now = entry.now ?? (() => new Date());
  return async (request) => {
    let publicKey: KeyObject;
    try {
      publicKey = await entry.publicKey();
    } catch (error) {
      return notConfigured(error);
    }
    const verified = verifyDiscordRequest({ headers: request.headers, body: request.body, isBase64Encoded: request.isBase64Encoded }, publicKey, now().getTime());
    if (verified.ok && isPing(verified.body)) return json(PONG);
    let ready: InteractionDeps;
    try {
      ready = await deps();
    } catch (error) {
      return notConfigured(error);
    }
    if (!verified.ok) {
      ready.logger.info('Rejected a request that is not signed by Discord', { reason: verified.reason });
      return text(401, 'invalid request signature');
    }
    const [{ parseInteraction }, { routeInteraction }, { ephemeral }] = await Promise.all([
      import('../core/discord/interaction'),
      import('../core/discord/router'),
      import('../core/discord/responses'),
    ]);
    const parsed = parseInteraction(verified.body);
    if (!parsed.ok) return text(400, parsed.message);
    try {
      return json(await routeInteraction(parsed.interaction, ready));
    } catch (error) {
      ready.logger.error('Answering an interaction failed', { kind: parsed.interaction.kind, error: errorMessage(error) });
      return json(ephemeral('Something went wrong while answering; nothing was changed. Please try again in a minute.'));
    }
  };
}
