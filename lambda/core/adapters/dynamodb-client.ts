import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoDbClientOptions {
  /** Local mode and tests: the embedded DynamoDB (dynalite) endpoint. */
  endpoint?: string;
  region?: string;
}

/** One DynamoDB client per process (module scope in handlers); local endpoints get dummy credentials. */
export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  if (options.endpoint) {
    return new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region ?? 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 3,
    });
  }
  return new DynamoDBClient({ region: options.region, maxAttempts: 3 });
}
