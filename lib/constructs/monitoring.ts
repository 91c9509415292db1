import { Aws, Fn, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  HorizontalAnnotation,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmName, alarmTopicName, dashboardName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';
import type { AlarmDefinition } from '../monitoring/alarm-definitions';

export interface MonitoringProps {
  readonly config: StageConfig;
  readonly alarms: readonly AlarmDefinition[];
  /** Receives every alarm and recovery (alert-notifier → Discord). */
  readonly notifier: IFunction;
  /** Where SNS puts notifications it could not hand to the notifier. */
  readonly deadLetterQueue: IQueue;
}

/** Alarms from their definitions → one SNS topic (alert-notifier, optional e-mail) and one dashboard. */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];
  readonly dashboard: Dashboard;
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.topic = new Topic(this, 'AlarmTopic', {
      topicName: alarmTopicName(config.stage),
      displayName: `Valine Orchestrator ${config.stage} alarms`,
      enforceSSL: true,
    });
    // enforceSSL gives the topic its own policy, which replaces SNS's default one: without this Allow, alarms cannot publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowPublishFromThisStagesAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${alarmName(config.stage, '*')}` },
        },
      }),
    );
    this.topic.addSubscription(new LambdaSubscription(props.notifier, { deadLetterQueue: props.deadLetterQueue }));
    if (config.alertEmail) this.topic.addSubscription(new EmailSubscription(config.alertEmail));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry alarm names and metric values only; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key per stage would cost more than the data is worth.',
    });

    const action = new SnsAction(this.topic);
    this.alarms = props.alarms.map((definition) => {
      const alarm = new Alarm(this, definition.id, {
        alarmName: alarmName(config.stage, definition.id),
        alarmDescription: definition.description,
        metric: definition.metric,
        threshold: definition.threshold,
        evaluationPeriods: definition.evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: definition.treatMissingData,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    });

    const name = dashboardName(config.stage);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: name });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Valine Orchestrator — ${config.stage}\nEvery alarm of the stack; each also posts to Discord through alert-notifier. Runbook: docs/runbook.md.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarm status', alarms: [...this.alarms], width: 24, height: 6 }));
    const graphs = props.alarms.map(
      (definition) =>
        new GraphWidget({
          title: definition.id,
          left: [definition.metric],
          leftAnnotations: [{ value: definition.threshold, label: 'alarm threshold' } satisfies HorizontalAnnotation],
          width: 8,
          height: 6,
        }),
    );
    for (let i = 0; i < graphs.length; i += 3) this.dashboard.addWidgets(...graphs.slice(i, i + 3));
    this.dashboardUrl = Fn.join('', [
      'https://',
      Aws.REGION,
      '.console.aws.amazon.com/cloudwatch/home?region=',
      Aws.REGION,
      `#dashboards:name=${name}`,
    ]);
  }
}
