import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { TABLE_DEFINITIONS, createTableInput, tableName } from '../contract/tables';
import { createDynamoDbClient } from './dynamodb-client';

export interface EmbeddedDynamoDb {
  endpoint: string;
  client: DynamoDBClient;
  tables: { conversations: string; ledger: string };
  close(): Promise<void>;
}

/**
 * Local mode's and the tests' DynamoDB: dynalite (a real DynamoDB API over HTTP) on
 * 127.0.0.1, in memory or on disk (`path`), with both tables created from the same key
 * schemas as the CDK tables.
 */
export async function startEmbeddedDynamoDb(options: { stage?: string; path?: string; port?: number } = {}): Promise<EmbeddedDynamoDb> {
  // dynalite is a devDependency of local mode only; never bundled into a Lambda.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (opts: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoDbClient({ endpoint });
  const stage = options.stage ?? 'local';
  const [conversationsDef, ledgerDef] = TABLE_DEFINITIONS;
  const tables = { conversations: tableName(conversationsDef, stage), ledger: tableName(ledgerDef, stage) };
  for (const [definition, name] of [[conversationsDef, tables.conversations], [ledgerDef, tables.ledger]] as const) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, name)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await client.send(new DescribeTableCommand({ TableName: name }));
  }
  return {
    endpoint,
    client,
    tables,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
