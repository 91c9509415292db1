import type { KeyObject } from 'node:crypto';
import { AgentRegistry, type AgentProfile } from '../core/agents/registry';
import { AGENT_PROFILES } from '../core/agents/staff';
import type { StageName } from '../core/contract/stages';
import type { HeaderMap } from '../core/discord/headers';
import type { InteractionDeps } from '../core/discord/interaction-deps';
import type { FlagLocator } from '../core/discord/permissions';
import { executionTimings } from '../core/domain/task';
import type { FlagReader } from '../core/ports/flags';
import type { Ledger } from '../core/ports/ledger';
import type { LlmBudget } from '../core/ports/llm-budget';
import type { Logger } from '../core/ports/logger';
import type { TaskStore } from '../core/ports/task-store';
import type { WorkQueue } from '../core/ports/work-queue';
import { parseInteraction } from '../core/discord/interaction';
import { ephemeral, type InteractionResponse } from '../core/discord/responses';
import { routeInteraction } from '../core/discord/router';
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

export interface InteractionsRuntime {
  deps: InteractionDeps;
  publicKey: () => Promise<KeyObject>;
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
  /** The Discord application's public key, which verifies every request. */
  publicKey: () => Promise<KeyObject>;
  locateFlag: FlagLocator;
  taskTtlSeconds: number;
  /** WORKER_TIMEOUT_SECONDS: when a task still `executing` counts as left behind. */
  workerTimeoutSeconds: number;
  logger: Logger;
  now?: () => Date;
  /** Tests and benchmarks: these agents instead of the staff (agents/staff.ts). */
  agents?: readonly AgentProfile[];
}

/** The router's dependencies from the ports: the staff's profiles (no agent code), the timings from the worker's timeout. */
export function interactionsRuntime(ports: InteractionsPorts): InteractionsRuntime {
  const { publicKey, llmBudget, workerTimeoutSeconds, agents, now, ...rest } = ports;
  return {
    publicKey,
    deps: {
      ...rest,
      agents: new AgentRegistry(agents ?? AGENT_PROFILES),
      spend: { spentToday: (at) => llmBudget.readDailySpend(at) },
      timings: executionTimings(workerTimeoutSeconds),
      now: now ?? (() => new Date()),
    },
  };
}

/** The interactions function's one builder: on AWS, in local mode and in the tests, only the ports differ. */
export function buildInteractions(loadPorts: () => Promise<InteractionsPorts>): (request: InteractionHttpRequest) => Promise<InteractionHttpResponse> {
  let runtime: Promise<InteractionsRuntime> | undefined;
  return createInteractionsHandler(() => {
    runtime ??= loadPorts()
      .then(interactionsRuntime)
      .catch((error: unknown) => {
        runtime = undefined;
        throw error;
      });
    return runtime;
  });
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

/** Verify, parse, route, answer: the whole `POST /discord` endpoint, for Lambda and local mode alike. */
export function createInteractionsHandler(loadRuntime: () => Promise<InteractionsRuntime>): (request: InteractionHttpRequest) => Promise<InteractionHttpResponse> {
  return async (request) => {
    let runtime: InteractionsRuntime;
    let publicKey: KeyObject;
    try {
      runtime = await loadRuntime();
      publicKey = await runtime.publicKey();
    } catch (error) {
      console.error(JSON.stringify({ level: 'ERROR', message: 'The interactions function is not configured', error: errorMessage(error) }));
      return text(503, 'The bot is not configured yet; the operator should check the function logs.');
    }
    const { deps } = runtime;
    const verified = verifyDiscordRequest({ headers: request.headers, body: request.body, isBase64Encoded: request.isBase64Encoded }, publicKey, deps.now().getTime());
    if (!verified.ok) {
      deps.logger.info('Rejected a request that is not signed by Discord', { reason: verified.reason });
      return text(401, 'invalid request signature');
    }
    const parsed = parseInteraction(verified.body);
    if (!parsed.ok) return text(400, parsed.message);
    try {
      return json(await routeInteraction(parsed.interaction, deps));
    } catch (error) {
      deps.logger.error('Answering an interaction failed', { kind: parsed.interaction.kind, error: errorMessage(error) });
      return json(ephemeral('Something went wrong while answering; nothing was changed. Please try again in a minute.'));
    }
  };
}
