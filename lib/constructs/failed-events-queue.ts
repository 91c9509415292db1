import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';
import { removalPolicyOfLogsAndQueues } from './removal-policy';

/** The dead-letter queue: asynchronous invocations and SNS deliveries that failed after their retries. */
export class FailedEventsQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      queueName: deadLetterQueueName(config.stage),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: removalPolicyOfLogsAndQueues(config),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the stack; nothing consumes it automatically (an alarm fires on any message).',
    });
  }
}
