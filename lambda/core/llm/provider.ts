import type { LlmProviderName } from './prices';

/** JSON schema (the subset both providers accept for structured output). */
export type JsonSchema = Record<string, unknown>;

/** One structured-output request: the answer must be a JSON object matching `schema`. */
export interface LlmRequest {
  model: string;
  system: string;
  user: string;
  schemaName: string;
  schemaDescription: string;
  schema: JsonSchema;
  maxOutputTokens: number;
  /** Ask reasoning models for low effort (fewer thinking tokens, faster). */
  reasoning: boolean;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  /** The answer as parsed JSON (not yet validated). */
  output: unknown;
  usage: TokenUsage;
}

/** How a call failed; decides whether it is retried and what the user is told. */
export type LlmFailureKind =
  /** No answer within the deadline. */
  | 'timeout'
  /** HTTP 429. */
  | 'rate-limited'
  /** HTTP 5xx (and Anthropic's 529 overloaded). */
  | 'server-error'
  /** The connection failed before an answer. */
  | 'connection-error'
  /** HTTP 4xx other than 429 (bad key, unknown model, bad request): retrying cannot help. */
  | 'rejected'
  /** The provider answered, but not with the JSON object asked for. */
  | 'malformed-output';

export class LlmCallError extends Error {
  constructor(
    readonly kind: LlmFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; usage?: TokenUsage } = {},
  ) {
    super(message);
  }
}

/** One LLM provider behind the SDK it ships: one attempt, no retries (the caller retries within its deadline). */
export interface LlmProvider {
  readonly name: LlmProviderName;
  complete(request: LlmRequest, options: { timeoutMs: number }): Promise<LlmResponse>;
}

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Maps an HTTP status to the failure kind. */
export function failureKindOfStatus(status: number): LlmFailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'server-error';
  return 'rejected';
}
