import { Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  CONVERSATIONS_TABLE,
  LEDGER_TABLE,
  tableName,
  type KeyAttribute,
  type TableDefinition,
} from '../../lambda/core/contract/tables';
import type { StageConfig } from '../config/stages';
import { removalPolicyOf } from './removal-policy';

const attribute = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

/** A DynamoDB table built from its shared definition (lambda/core/contract/tables.ts). */
export class ValineTable extends Table {
  constructor(
    scope: Construct,
    id: string,
    readonly definition: TableDefinition,
    config: StageConfig,
  ) {
    super(scope, id, {
      tableName: tableName(definition, config.stage),
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      timeToLiveAttribute: definition.ttlAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: config.pointInTimeRecovery },
      deletionProtection: config.deletionProtection,
      removalPolicy: removalPolicyOf(config),
    });
    for (const index of definition.indexes) {
      this.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        projectionType: ProjectionType.ALL,
      });
    }
    if (!config.pointInTimeRecovery) {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-DDB3',
        reason: `Stage ${config.stage} holds disposable data (removal policy destroy); point-in-time recovery is on where data matters (prod).`,
      });
    }
  }
}

/** The conversations table (agents' tasks, TTL) and the ledger (LLM spend, de-duplication, audit, TTL). */
export class ValineTables extends Construct {
  readonly conversations: ValineTable;
  readonly ledger: ValineTable;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.conversations = new ValineTable(this, 'Conversations', CONVERSATIONS_TABLE, config);
    this.ledger = new ValineTable(this, 'Ledger', LEDGER_TABLE, config);
  }
}
