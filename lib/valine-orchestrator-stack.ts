import { NodeModulesLayer } from './constructs/node-modules-layer';
import { LAYER_MODULES } from './constructs/lambda-bundle';
import { CfnOutput, Duration, Stack, Tags, type Environment } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Construct } from 'constructs';
import { APP_NAME, dashboardName, functionName, stackName } from './config/resource-names';
import type { StageConfig } from './config/stages';
import { AbandonedExecutionSweep } from './constructs/abandoned-execution-sweep';
import { FailedEventsQueue } from './constructs/failed-events-queue';
import { FeatureFlags } from './constructs/feature-flags';
import { Monitoring } from './constructs/monitoring';
import { PublicApi } from './constructs/public-api';
import { ScreenshotFunction } from './constructs/screenshot-function';
import { ValineFunction } from './constructs/valine-function';
import { ValineTables } from './constructs/valine-tables';
import { alarmDefinitions } from './monitoring/alarm-definitions';

export interface ValineOrchestratorStackProps {
  readonly config: StageConfig;
  readonly env?: Environment;
}

/** One stage of Valine Orchestrator: API, five functions, two tables, flags, the worker's sweep schedule, alarms and a dashboard. */
export class ValineOrchestratorStack extends Stack {
  constructor(scope: Construct, props: ValineOrchestratorStackProps) {
    const { config } = props;
    super(scope, stackName(config.stage), {
      stackName: stackName(config.stage),
      description: `Valine Orchestrator (${config.stage}): agents as employees driven from Discord.`,
      terminationProtection: config.terminationProtection,
      ...(props.env ? { env: props.env } : {}),
    });
    Tags.of(this).add('Application', APP_NAME);
    Tags.of(this).add('Stage', config.stage);

    const tables = new ValineTables(this, 'Tables', config);
    new FeatureFlags(this, 'Flags', config);
    const failedEvents = new FailedEventsQueue(this, 'FailedEvents', config).queue;
    const asyncInvoke = {
      retryAttempts: config.asyncRetryAttempts,
      maxEventAge: Duration.seconds(config.asyncMaxEventAgeSeconds),
      onFailure: new SqsDestination(failedEvents),
    };
    const tableNames = { CONVERSATIONS_TABLE: tables.conversations.tableName, LEDGER_TABLE: tables.ledger.tableName };
    const taskTtl = String(config.taskTtlSeconds);
    // The lease and abandoned-execution age in both functions derive from the worker's timeout.
    const workerTimeout = String(config.functions.worker.timeoutSeconds);

    const worker = new ValineFunction(this, 'Worker', {
      functionId: 'worker',
      config,
      description: 'Slow work handed off by interactions: parsing, previews, draft pull requests, Discord follow-ups.',
      environment: { ...tableNames, TASK_TTL_SECONDS: taskTtl, WORKER_TIMEOUT_SECONDS: workerTimeout },
      layers: [new NodeModulesLayer(this, 'WorkerModules', { packages: LAYER_MODULES.worker ?? [], description: 'Loaded by the worker on first use' }).layer],
    })
      .bindTable({ table: tables.conversations, accessMode: 'RW' })
      .bindTable({ table: tables.ledger, accessMode: 'RW' })
      // The GitHub App (repo-host-factory) and the LLM keys (intent-parser); Discord is answered with the interaction token,
      // except the sweep's "no preview was deployed" line, posted to the channel with the bot token.
      .bindParameters({ flags: true, secrets: ['github-app-id', 'github-private-key', 'github-installation-id', 'openai-api-key', 'anthropic-api-key', 'discord-bot-token'] });
    worker.configureAsyncInvoke(asyncInvoke);
    new AbandonedExecutionSweep(this, 'Sweep', { config, worker });

    const interactions = new ValineFunction(this, 'Interactions', {
      functionId: 'interactions',
      config,
      description: 'Discord interactions: verifies the signature, routes commands and buttons, answers within 3 s.',
      environment: {
        ...tableNames,
        WORKER_FUNCTION_NAME: worker.functionName,
        TASK_TTL_SECONDS: taskTtl,
        WORKER_TIMEOUT_SECONDS: workerTimeout,
        ...(config.discordPublicKey ? { DISCORD_PUBLIC_KEY: config.discordPublicKey } : {}),
      },
    })
      .bindTable({ table: tables.conversations, accessMode: 'RW' })
      .bindTable({ table: tables.ledger, accessMode: 'RW' })
      // The public key verifies every request (from the SecureString unless the stage config gives it); answers go back in the HTTP response.
      .bindParameters({ flags: true, secrets: config.discordPublicKey ? [] : ['discord-public-key'] })
      .grantInvokeOf(worker);

    const screenshot = new ScreenshotFunction(this, 'Screenshots', { config, conversations: tables.conversations }).function;
    screenshot.configureAsyncInvoke(asyncInvoke);

    const githubWebhook = new ValineFunction(this, 'GithubWebhook', {
      functionId: 'github-webhook',
      config,
      description: 'GitHub webhooks: verifies the HMAC, de-duplicates deliveries, moves tasks and tells Discord.',
      environment: { ...tableNames, SCREENSHOT_FUNCTION_NAME: screenshot.functionName },
    })
      .bindTable({ table: tables.conversations, accessMode: 'RW' })
      .bindTable({ table: tables.ledger, accessMode: 'RW' })
      // The HMAC secret, and the bot token for its channel message; never the GitHub App key. The flags give site-url and
      // preview-hosts: a deployment URL the screenshot function would refuse is ignored before it claims the task's notice.
      .bindParameters({ flags: true, secrets: ['github-webhook-secret', 'discord-bot-token'] })
      // Deployment events start the screenshots without waiting for them.
      .grantInvokeOf(screenshot);

    const alertNotifier = new ValineFunction(this, 'AlertNotifier', {
      functionId: 'alert-notifier',
      config,
      description: 'Posts CloudWatch alarms and recoveries from the alarm topic to the Discord alert channel.',
      environment: { LEDGER_TABLE: tables.ledger.tableName, DASHBOARD_NAME: dashboardName(config.stage) },
    })
      .bindTable({ table: tables.ledger, accessMode: 'RW' })
      // enable-alerts and alert-channel-id, and the bot token to post.
      .bindParameters({ flags: true, secrets: ['discord-bot-token'] });
    alertNotifier.configureAsyncInvoke(asyncInvoke);

    const api = new PublicApi(this, 'PublicApi', { config, discordInteractions: interactions, githubWebhook });
    const monitoring = new Monitoring(this, 'Monitoring', {
      config,
      alarms: alarmDefinitions(
        {
          functions: [interactions, worker, githubWebhook, alertNotifier, screenshot],
          api: api.api,
          tables: [tables.conversations, tables.ledger],
          deadLetterQueue: failedEvents,
        },
        config,
      ),
      notifier: alertNotifier,
      deadLetterQueue: failedEvents,
    });

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('DiscordInteractionsUrl', api.discordUrl, 'Discord "Interactions Endpoint URL" (Developer Portal → General Information).');
    output('GithubWebhookUrl', api.githubWebhookUrl, 'GitHub App webhook URL (content type application/json).');
    output('ConversationsTableName', tables.conversations.tableName, 'DynamoDB table of the agents\' tasks.');
    output('LedgerTableName', tables.ledger.tableName, 'DynamoDB table of LLM spend, de-duplication and audit records.');
    output('AlarmTopicArn', monitoring.topic.topicArn, 'SNS topic every alarm notifies (subscribe more endpoints here).');
    output('DeadLetterQueueUrl', failedEvents.queueUrl, 'SQS queue holding asynchronous events that failed after retries.');
    output('DashboardName', dashboardName(config.stage), 'CloudWatch dashboard of this stage.');
    output('DashboardUrl', monitoring.dashboardUrl, 'CloudWatch dashboard of this stage (console link).');
    output('WorkerFunctionName', functionName('worker', config.stage), 'The worker function (slow work, async invoke).');
  }
}
