/**
 * Key schemas of the two tables, defined once: the CDK TableConstruct and local mode's
 * embedded DynamoDB (dynalite) both build their tables from these.
 */
export type AttributeType = 'S' | 'N';
export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}
export interface TableDefinition {
  readonly logicalName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly ttlAttribute: string;
  readonly indexes: readonly IndexDefinition[];
}

/** Agents' tasks. One item per task: pk = "TASK#<taskId>". */
export const CONVERSATIONS_TABLE = {
  logicalName: 'conversations',
  partitionKey: { name: 'pk', type: 'S' },
  ttlAttribute: 'expiresAt',
  indexes: [
    // The caller's last task (/debug-last).
    { indexName: 'by-requester', partitionKey: { name: 'requesterId', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
    // Open tasks (/status); sparse: only tasks that are not finished carry `openBucket`.
    { indexName: 'by-open', partitionKey: { name: 'openBucket', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
    // The task behind a pull request (GitHub webhooks); sparse: `prKey` = "owner/name#number".
    { indexName: 'by-pull-request', partitionKey: { name: 'prKey', type: 'S' } },
  ],
} as const satisfies TableDefinition;

/** Spend counters, de-duplication records and audit entries: pk = "<KIND>#<id>", sk = detail. */
export const LEDGER_TABLE = {
  logicalName: 'ledger',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  ttlAttribute: 'expiresAt',
  indexes: [],
} as const satisfies TableDefinition;

export const TABLE_DEFINITIONS = [CONVERSATIONS_TABLE, LEDGER_TABLE] as const;

export const tableName = (definition: TableDefinition, stage: string): string =>
  `valine-${definition.logicalName}-${stage}`;

/** A CreateTable request (DynamoDB API shape) for local mode and tests. */
export function createTableInput(definition: TableDefinition, name: string) {
  const attributes = new Map<string, AttributeType>();
  const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) => {
    attributes.set(pk.name, pk.type);
    if (sk) attributes.set(sk.name, sk.type);
    return [
      { AttributeName: pk.name, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const KeySchema = keySchema(definition.partitionKey, definition.sortKey);
  const GlobalSecondaryIndexes = definition.indexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    ...(GlobalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes } : {}),
  };
}
