import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_DYNAMODB_TIMEOUTS, type DynamoDbTimeouts } from './dynamodb-timeouts';

export { DEFAULT_DYNAMODB_TIMEOUTS, INTERACTION_DYNAMODB_TIMEOUTS, type DynamoDbTimeouts } from './dynamodb-timeouts';

export interface DynamoDbClientOptions {
  /** Local mode and tests: the embedded DynamoDB (dynalite) endpoint. */
  endpoint?: string;
  region?: string;
  timeouts?: DynamoDbTimeouts;
}

/** One DynamoDB client per process (module scope in handlers), with request timeouts; local endpoints get dummy credentials. */
export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const timeouts = options.timeouts ?? DEFAULT_DYNAMODB_TIMEOUTS;
  const bounded = {
    maxAttempts: timeouts.maxAttempts,
    // Without these the SDK waits on a silent connection for as long as the function lives.
    // throwOnRequestTimeout: without it the handler only logs a warning when the time is up, and keeps waiting.
    requestHandler: { connectionTimeout: timeouts.connectionMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true },
  };
  if (options.endpoint) {
    return new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      ...bounded,
    });
  }
  return new DynamoDBClient({ region: options.region, ...bounded });
}
