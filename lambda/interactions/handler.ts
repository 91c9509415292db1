import type { KeyObject } from 'node:crypto';
import type { HeaderMap } from '../core/discord/headers';
import type { InteractionDeps } from '../core/discord/interaction-deps';
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
