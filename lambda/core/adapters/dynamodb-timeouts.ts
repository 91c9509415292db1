// No SDK import here: the interactions function names its timeouts before any client loads (a cold PING loads none).

/** How long one DynamoDB request may take, and how often it is tried: a DynamoDB that stops answering gets a bounded answer. */
export interface DynamoDbTimeouts {
  /** Connecting (TCP and TLS) to the endpoint. */
  connectionMs: number;
  /** The whole request, from sending it to the last byte of the answer. */
  requestMs: number;
  maxAttempts: number;
}

/**
 * The interactions function answers Discord within 3 s: a request that hangs fails after
 * 2 × 800 ms plus the SDK's backoff, and the router then answers with a sentence.
 */
export const INTERACTION_DYNAMODB_TIMEOUTS: DynamoDbTimeouts = { connectionMs: 500, requestMs: 800, maxAttempts: 2 };
/** Everything else (worker, webhooks, screenshots, alerts, local mode) has seconds, not milliseconds, to spare. */
export const DEFAULT_DYNAMODB_TIMEOUTS: DynamoDbTimeouts = { connectionMs: 2000, requestMs: 5000, maxAttempts: 3 };
