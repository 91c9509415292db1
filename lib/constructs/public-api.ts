import { Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  RestApi,
  type IResource,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { accessLogGroupName, apiName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';
import { removalPolicyOfLogsAndQueues } from './removal-policy';

export interface PublicApiProps {
  readonly config: StageConfig;
  readonly discordInteractions: IFunction;
  readonly githubWebhook: IFunction;
}

/** Headers each caller always sends; API Gateway answers 400 without invoking Lambda when one is missing. */
const DISCORD_HEADERS = ['X-Signature-Ed25519', 'X-Signature-Timestamp'];
const GITHUB_HEADERS = ['X-Hub-Signature-256', 'X-GitHub-Event', 'X-GitHub-Delivery'];
const DISCORD_PATH = '/discord';
const GITHUB_WEBHOOK_PATH = '/github/webhook';

/**
 * The REST API: POST /discord → interactions, POST /github/webhook → github-webhook (Lambda proxy),
 * each route throttled on its own (method-level limits from config), JSON access logs, X-Ray tracing.
 */
export class PublicApi extends Construct {
  readonly api: RestApi;
  readonly accessLogGroup: LogGroup;
  readonly discordUrl: string;
  readonly githubWebhookUrl: string;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    const { config } = props;
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      logGroupName: accessLogGroupName(config.stage),
      retention: config.logRetentionDays,
      removalPolicy: removalPolicyOfLogsAndQueues(config),
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: apiName(config.stage),
      description: `Valine Orchestrator (${config.stage}): Discord interactions and GitHub webhooks.`,
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: {
        stageName: config.stage,
        // The stage default covers a route added without its own limits: the stricter of the two figures.
        throttlingRateLimit: Math.min(config.api.discord.rateLimitPerSecond, config.api.githubWebhook.rateLimitPerSecond),
        throttlingBurstLimit: Math.min(config.api.discord.burstLimit, config.api.githubWebhook.burstLimit),
        // Per-method buckets: junk sent to one route is refused (429) from that route's bucket, never the other's.
        methodOptions: {
          [`${DISCORD_PATH}/POST`]: { throttlingRateLimit: config.api.discord.rateLimitPerSecond, throttlingBurstLimit: config.api.discord.burstLimit },
          [`${GITHUB_WEBHOOK_PATH}/POST`]: {
            throttlingRateLimit: config.api.githubWebhook.rateLimitPerSecond,
            throttlingBurstLimit: config.api.githubWebhook.burstLimit,
          },
        },
        tracingEnabled: true,
        // API-level metrics (Count, 4XX, 5XX, Latency) are free; per-method detailed metrics are billed and add nothing for two routes.
        metricsEnabled: false,
        accessLogDestination: new LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            ip: AccessLogField.contextIdentitySourceIp(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationStatus: AccessLogField.contextIntegrationStatus(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            errorMessage: AccessLogField.contextErrorMessage(),
          }),
        ),
      },
    });
    const discord = this.api.root.resourceForPath(DISCORD_PATH);
    this.addSignedPost('Discord', discord, props.discordInteractions, DISCORD_HEADERS);
    const webhook = this.api.root.resourceForPath(GITHUB_WEBHOOK_PATH);
    this.addSignedPost('GithubWebhook', webhook, props.githubWebhook, GITHUB_HEADERS);
    this.discordUrl = this.api.urlForPath(discord.path);
    this.githubWebhookUrl = this.api.urlForPath(webhook.path);

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason: 'Callers are Discord and GitHub, not IAM principals: the handlers verify the Ed25519 signature (Discord) and the HMAC-SHA256 signature (GitHub) of every request.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'No end users sign in: Discord and GitHub requests are authenticated by their signatures in the handlers, not by a Cognito user pool.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason: 'Two signed webhook routes, each with its own throttle and edge header validation; a WAF web ACL would add cost without blocking anything the signature check does not.',
      },
      {
        id: 'AwsSolutions-APIG2',
        reason: 'Each route validates its required signature headers at the edge; bodies have no API Gateway model because the handlers verify the signature over the raw bytes and then parse them with a schema.',
      },
      {
        id: 'AwsSolutions-APIG6',
        reason: 'Execution logging needs an account-wide API Gateway CloudWatch role shared by every stack in the region; JSON access logs plus each function\'s own log group record every request.',
      },
    );
  }

  private addSignedPost(id: string, resource: IResource, handler: IFunction, headers: readonly string[]): void {
    const requestValidator = this.api.addRequestValidator(`${id}Headers`, {
      requestValidatorName: `${id}-signature-headers`,
      validateRequestParameters: true,
    });
    resource.addMethod('POST', new LambdaIntegration(handler, { allowTestInvoke: false }), {
      requestParameters: Object.fromEntries(headers.map((h) => [`method.request.header.${h}`, true])),
      requestValidator,
    });
  }
}
