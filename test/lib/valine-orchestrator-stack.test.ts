import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_ENVIRONMENT, FUNCTION_IDS, type FunctionId } from '../../lambda/core/contract/environment';
import { FLAG_NAMES } from '../../lambda/core/contract/flags';
import { flagParameterName, flagsPath, SECRET_DEFINITIONS, secretParameterName, type SecretName } from '../../lambda/core/contract/parameters';
import { STAGES, type StageName } from '../../lambda/core/contract/stages';
import { createTableInput, TABLE_DEFINITIONS, tableName } from '../../lambda/core/contract/tables';
import { functionName, stackName, sweepRuleName } from '../../lib/config/resource-names';
import { STAGE_CONFIGS } from '../../lib/config/stages';
import { parseWorkItem } from '../../lambda/core/domain/work-item-schema';
import { synthesizeStage } from './support/synthesize-stage';
import { runtimeNodeOptions } from '../../lib/constructs/lambda-bundle';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

// Synthesized once per stage for the whole file.
const synthesized = { dev: synthesizeStage('dev'), prod: synthesizeStage('prod') };
const templates: Record<StageName, Template> = { dev: synthesized.dev.template, prod: synthesized.prod.template };
const resourcesOf = (stage: StageName, type: string) => templates[stage].findResources(type) as Record<string, Resource>;
const functionsOf = (stage: StageName) =>
  Object.fromEntries(
    Object.entries(resourcesOf(stage, 'AWS::Lambda::Function')).map(([logicalId, r]) => [r.Properties.FunctionName as string, { logicalId, ...r }]),
  );
const logicalIdOf = (stage: StageName, type: string): string => {
  const ids = Object.keys(resourcesOf(stage, type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

/** Masks asset hashes (S3 keys, asset paths) so a snapshot changes only when the infrastructure does. */
const masked = (template: Template): unknown =>
  JSON.parse(JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}/g, '[ASSET_HASH]'));

/** An ARN as the template writes it (Fn::Join of pseudo parameters), as one string, e.g. `arn:${AWS::Partition}:ssm:…`. */
const rendered = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const v = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (v.Ref) return `\${${v.Ref}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(rendered).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
};
const parameterArn = (name: string) => `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`;

/** What each handler reads from SSM (see lambda/<function>/aws.ts). */
const PARAMETER_ACCESS: Record<FunctionId, { flags: boolean; secrets: SecretName[] }> = {
  interactions: { flags: true, secrets: ['discord-public-key'] },
  worker: { flags: true, secrets: ['anthropic-api-key', 'discord-bot-token', 'github-app-id', 'github-installation-id', 'github-private-key', 'openai-api-key'] },
  'github-webhook': { flags: true, secrets: ['discord-bot-token', 'github-webhook-secret'] },
  'alert-notifier': { flags: true, secrets: ['discord-bot-token'] },
  screenshot: { flags: true, secrets: ['discord-bot-token'] },
};

const HOUSE_VARIABLES = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'NODE_OPTIONS'];
const ALARMS_PER_FUNCTION = 3; // errors, throttles, p99 duration vs timeout

describe.each(STAGES)('stack valine-orchestrator-%s', (stage) => {
  const template = templates[stage];
  const config = STAGE_CONFIGS[stage];

  test('matches the committed snapshot (asset hashes masked)', () => {
    expect(masked(template)).toMatchSnapshot();
  });

  test('creates the expected resources, once each', () => {
    template.resourceCountIs('AWS::Lambda::Function', FUNCTION_IDS.length);
    template.resourceCountIs('AWS::DynamoDB::Table', TABLE_DEFINITIONS.length);
    template.resourceCountIs('AWS::SSM::Parameter', FLAG_NAMES.length);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::Events::Rule', 1);
    // one per function + the API access logs
    template.resourceCountIs('AWS::Logs::LogGroup', FUNCTION_IDS.length + 1);
    // per function, + interactions' Discord deadline, API 5xx, one per table, DLQ, LLM spend
    template.resourceCountIs('AWS::CloudWatch::Alarm', FUNCTION_IDS.length * ALARMS_PER_FUNCTION + 1 + 1 + TABLE_DEFINITIONS.length + 1 + 1);
    expect(template.toJSON().Parameters ?? {}).toEqual({ BootstrapVersion: expect.anything() });
  });

  test('every function runs nodejs22.x on ARM64 (the screenshot function on x86_64, for its Chromium) with tracing, its explicit name and its own log group', () => {
    const functions = functionsOf(stage);
    expect(Object.keys(functions).sort()).toEqual(FUNCTION_IDS.map((id) => functionName(id, stage)).sort());
    for (const id of FUNCTION_IDS) {
      const fn = functions[functionName(id, stage)]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: [id === 'screenshot' ? 'x86_64' : 'arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        MemorySize: config.functions[id].memorySizeMb,
        Timeout: config.functions[id].timeoutSeconds,
      });
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      const logGroup = resourcesOf(stage, 'AWS::Logs::LogGroup')[logGroupId]!;
      expect(logGroup.Properties).toMatchObject({ LogGroupName: `/aws/lambda/${functionName(id, stage)}`, RetentionInDays: config.logRetentionDays });
    }
  });

  test('each function environment is exactly its contract plus the house variables', () => {
    const functions = functionsOf(stage);
    for (const id of FUNCTION_IDS) {
      const variables = functions[functionName(id, stage)]!.Properties.Environment.Variables as Record<string, unknown>;
      // interactions and worker run without --enable-source-maps (lib/constructs/lambda-bundle.ts).
      const house = runtimeNodeOptions(id) ? HOUSE_VARIABLES : HOUSE_VARIABLES.filter((name) => name !== 'NODE_OPTIONS');
      expect(Object.keys(variables).sort()).toEqual([...FUNCTION_ENVIRONMENT[id], ...house].sort());
      expect(variables).toMatchObject({ VALINE_STAGE: stage, POWERTOOLS_SERVICE_NAME: id, POWERTOOLS_METRICS_NAMESPACE: 'Valine', ...(runtimeNodeOptions(id) ? { NODE_OPTIONS: '--enable-source-maps' } : {}) });
      if (id === 'interactions' || id === 'worker') expect(variables.WORKER_TIMEOUT_SECONDS).toBe(String(config.functions.worker.timeoutSeconds));
    }
    expect(functions[functionName('interactions', stage)]!.Properties.Environment.Variables.TASK_TTL_SECONDS).toBe(String(config.taskTtlSeconds));
  });

  test('no function environment holds anything that looks like a secret', () => {
    const secretEnvNames = Object.values(SECRET_DEFINITIONS).map((s) => s.envVar);
    for (const fn of Object.values(functionsOf(stage))) {
      for (const [name, value] of Object.entries(fn.Properties.Environment.Variables as Record<string, unknown>)) {
        expect(name).not.toMatch(/key|token|secret|password|private|credential/i);
        expect(secretEnvNames).not.toContain(name);
        if (typeof value === 'string') {
          expect(value).not.toMatch(/-----BEGIN|^sk-|^gh[pousr]_|[A-Za-z0-9+/=_-]{32,}/);
        }
      }
    }
    // Secret parameter names appear only in IAM policies (which function may read which); no value, no parameter.
    const { Resources, ...rest } = template.toJSON() as { Resources: Record<string, Resource> };
    const withoutPolicies = Object.values(Resources).filter((r) => r.Type !== 'AWS::IAM::Policy');
    expect(JSON.stringify([withoutPolicies, rest])).not.toContain('/secrets/');
  });

  test.each(TABLE_DEFINITIONS.map((d) => [d.logicalName, d] as const))('the %s table follows the shared key schema, on demand, encrypted, with TTL', (_, definition) => {
    const expected = createTableInput(definition, tableName(definition, stage));
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: expected.TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: expected.KeySchema,
      AttributeDefinitions: Match.arrayEquals(expected.AttributeDefinitions),
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      ...(definition.indexes.length > 0
        ? { GlobalSecondaryIndexes: expected.GlobalSecondaryIndexes!.map((gsi) => Match.objectLike(gsi)) }
        : {}),
    });
  });

  test('tables follow the stage removal policy, point-in-time recovery and deletion protection', () => {
    for (const table of Object.values(resourcesOf(stage, 'AWS::DynamoDB::Table'))) {
      if (stage === 'prod') {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.UpdateReplacePolicy).toBe('Retain');
        expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
        expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      } else {
        expect(table.DeletionPolicy).toBe('Delete');
        expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      }
    }
  });

  test('prod keeps log groups and the queue on update or deletion, but a failed first deployment removes them', () => {
    const named = [...Object.values(resourcesOf(stage, 'AWS::Logs::LogGroup')), ...Object.values(resourcesOf(stage, 'AWS::SQS::Queue'))];
    expect(named).toHaveLength(FUNCTION_IDS.length + 2);
    for (const resource of named) {
      // Their names are fixed, so anything left behind by a rolled-back creation would block the retry.
      expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(stage === 'prod' ? ['RetainExceptOnCreate', 'Retain'] : ['Delete', 'Delete']);
    }
  });

  test('every flag exists as a String parameter with the stage default', () => {
    for (const flag of FLAG_NAMES) {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: flagParameterName(stage, flag),
        Type: 'String',
        Value: config.flagDefaults[flag],
      });
    }
  });

  /** Every SSM action of a function's role, as `action resource` pairs (however CDK groups the statements). */
  const ssmGrantsOf = (id: FunctionId): string[] => {
    const roleId = functionsOf(stage)[functionName(id, stage)]!.Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(resourcesOf(stage, 'AWS::IAM::Policy')).filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Effect: string; Action: string | string[]; Resource: unknown }>);
    return statements
      .flatMap((st) => [st.Action].flat().filter((a) => a.startsWith('ssm:')).flatMap((action) => [st.Resource].flat().map((r) => `${st.Effect} ${action} ${rendered(r)}`)))
      .sort();
  };

  test.each(FUNCTION_IDS)("%s's role reads exactly the parameters its handler reads, by exact ARN, and writes none", (id) => {
    const access = PARAMETER_ACCESS[id];
    const expected = [
      ...(access.flags ? [`Allow ssm:GetParametersByPath ${parameterArn(flagsPath(stage))}`] : []),
      ...access.secrets.map((secret) => `Allow ssm:GetParameter ${parameterArn(secretParameterName(stage, secret))}`),
    ].sort();
    expect(ssmGrantsOf(id)).toEqual(expected);
  });

  test('only the worker may read the GitHub App private key; only interactions the Discord public key', () => {
    const readers = (secret: SecretName) => FUNCTION_IDS.filter((id) => ssmGrantsOf(id).some((g) => g.endsWith(parameterArn(secretParameterName(stage, secret)))));
    expect(readers('github-private-key')).toEqual(['worker']);
    expect(readers('github-webhook-secret')).toEqual(['github-webhook']);
    expect(readers('discord-public-key')).toEqual(['interactions']);
    expect(readers('discord-bot-token').sort()).toEqual(['alert-notifier', 'github-webhook', 'screenshot', 'worker']);
  });

  test('the screenshot function gets Chromium from one x86_64 layer, reads tasks only, and only the webhook may start it', () => {
    const fn = functionsOf(stage)[functionName('screenshot', stage)]!;
    expect(fn.Properties.Layers).toHaveLength(1);
    const layer = resourcesOf(stage, 'AWS::Lambda::LayerVersion')[fn.Properties.Layers[0].Ref];
    expect(layer?.Properties.CompatibleArchitectures).toEqual(['x86_64']);
    const policies = Object.values(resourcesOf(stage, 'AWS::IAM::Policy'));
    const invokers = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(`{"Fn::GetAtt":["${fn.logicalId}","Arn"]}`) && JSON.stringify(p.Properties.PolicyDocument).includes('lambda:InvokeFunction'));
    expect(invokers.map((p) => JSON.stringify(p.Properties.Roles))).toEqual([expect.stringMatching(/GithubWebhookRole/)]);
    const own = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(fn.Properties.Role['Fn::GetAtt'][0]));
    const statements = JSON.stringify(own.map((p) => p.Properties.PolicyDocument));
    expect(statements).toMatch(/dynamodb:GetItem/);
    expect(statements).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem)/);
  });

  test('the worker loads the LLM SDKs and the parsers from one layer, on first use, instead of its bundle', () => {
    const fn = functionsOf(stage)[functionName('worker', stage)]!;
    expect(fn.Properties.Layers).toHaveLength(1);
    const layer = resourcesOf(stage, 'AWS::Lambda::LayerVersion')[fn.Properties.Layers[0].Ref];
    expect(layer?.Properties.CompatibleArchitectures).toEqual(['arm64', 'x86_64']);
    expect(layer?.Properties.Description).toMatch(/@anthropic-ai\/sdk, openai, @babel\/parser, postcss/);
  });

  test("no SSM grant has a wildcard, names another stage's parameters, or the secrets path (GetParametersByPath there would list them all)", () => {
    const otherStages = STAGES.filter((s) => s !== stage);
    for (const id of FUNCTION_IDS) {
      for (const grant of ssmGrantsOf(id)) {
        expect(grant).not.toContain('*');
        expect(grant).toContain(`:parameter/valine/${stage}/`);
        for (const other of otherStages) expect(grant).not.toContain(`/valine/${other}/`);
        if (grant.includes('GetParametersByPath')) expect(grant.endsWith(parameterArn(flagsPath(stage)))).toBe(true);
      }
    }
    for (const policy of Object.values(resourcesOf(stage, 'AWS::IAM::Policy'))) {
      for (const st of policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>) expect([st.Action].flat()).not.toContain('*');
    }
  });

  test('only interactions may invoke the worker', () => {
    const workerId = functionsOf(stage)[functionName('worker', stage)]!.logicalId;
    const invokesWorker = (caller: FunctionId): boolean => {
      const roleId = functionsOf(stage)[functionName(caller, stage)]!.Properties.Role['Fn::GetAtt'][0];
      const policy = Object.values(resourcesOf(stage, 'AWS::IAM::Policy')).find((p) => p.Properties.Roles[0].Ref === roleId)!;
      return policy.Properties.PolicyDocument.Statement.some(
        (s: { Action: unknown; Resource: unknown }) =>
          s.Action === 'lambda:InvokeFunction' && JSON.stringify(s.Resource).includes(JSON.stringify({ 'Fn::GetAtt': [workerId, 'Arn'] })),
      );
    };
    expect(invokesWorker('interactions')).toBe(true);
    for (const caller of ['github-webhook', 'alert-notifier', 'worker'] as FunctionId[]) expect(invokesWorker(caller)).toBe(false);
  });

  test('one EventBridge rule invokes the worker with { "kind": "sweep" } every 5 minutes, and may invoke nothing else', () => {
    const workerArn = { 'Fn::GetAtt': [functionsOf(stage)[functionName('worker', stage)]!.logicalId, 'Arn'] };
    const ruleId = logicalIdOf(stage, 'AWS::Events::Rule');
    const rule = resourcesOf(stage, 'AWS::Events::Rule')[ruleId]!;
    expect(rule.Properties).toMatchObject({ Name: sweepRuleName(stage), ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets as Array<{ Arn: unknown; Input: string; RoleArn?: unknown; RetryPolicy: Record<string, number> }>;
    expect(target!.Arn).toEqual(workerArn);
    expect(JSON.parse(target!.Input)).toEqual({ kind: 'sweep' });
    expect(parseWorkItem(JSON.parse(target!.Input))).toEqual({ kind: 'sweep' });
    expect(target!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 });
    // A Lambda target needs no role: the function's resource policy lets this rule, and only it, invoke the worker.
    expect(target!.RoleArn).toBeUndefined();
    const fromEvents = Object.values(resourcesOf(stage, 'AWS::Lambda::Permission')).filter((p) => p.Properties.Principal === 'events.amazonaws.com');
    expect(fromEvents.map((p) => p.Properties)).toEqual([{ Action: 'lambda:InvokeFunction', FunctionName: workerArn, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] } }]);
  });

  test('failed asynchronous events (worker, alert-notifier, SNS delivery) end in the dead-letter queue', () => {
    const queueId = logicalIdOf(stage, 'AWS::SQS::Queue');
    const functions = functionsOf(stage);
    for (const id of ['worker', 'alert-notifier'] as FunctionId[]) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functions[functionName(id, stage)]!.logicalId },
        MaximumRetryAttempts: config.asyncRetryAttempts,
        MaximumEventAgeInSeconds: config.asyncMaxEventAgeSeconds,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functions[functionName('alert-notifier', stage)]!.logicalId, 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
    });
  });

  test('every alarm notifies the alarm topic on ALARM and on OK', () => {
    const topic = { Ref: logicalIdOf(stage, 'AWS::SNS::Topic') };
    const alarms = Object.values(resourcesOf(stage, 'AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic], ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarm.Properties.AlarmName).toMatch(new RegExp(`^valine-orchestrator-${stage}-`));
    }
  });

  test("the topic's own policy lets this stage's alarms publish (it replaces SNS's default policy) and only over TLS", () => {
    const topicId = logicalIdOf(stage, 'AWS::SNS::Topic');
    const policies = Object.values(resourcesOf(stage, 'AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties.Topics).toEqual([{ Ref: topicId }]);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    const allow = statements.find((s) => s.Effect === 'Allow');
    expect(allow).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(JSON.stringify(allow!.Condition.ArnLike['aws:SourceArn'])).toContain(`:alarm:valine-orchestrator-${stage}-*`);
    expect(allow!.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
  });

  test('alarm thresholds come from the stage config', () => {
    const alarms = Object.fromEntries(Object.values(resourcesOf(stage, 'AWS::CloudWatch::Alarm')).map((a) => [a.Properties.AlarmName, a.Properties]));
    const alarm = (id: string) => alarms[`valine-orchestrator-${stage}-${id}`]!;
    expect(alarm('worker-errors')).toMatchObject({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Statistic: 'Sum', Period: 300, Threshold: 5 });
    for (const id of FUNCTION_IDS) {
      expect(alarm(`${id}-duration-p99`)).toMatchObject({
        MetricName: 'Duration',
        ExtendedStatistic: 'p99',
        Threshold: config.functions[id].timeoutSeconds * 1000 * 0.8,
      });
      expect(alarm(`${id}-throttles`)).toMatchObject({ MetricName: 'Throttles', Threshold: config.alarms.functionThrottlesPer5Minutes });
    }
    expect(alarm('interactions-discord-deadline')).toMatchObject({ MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 2500 });
    expect(alarm('api-5xx')).toMatchObject({ MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Threshold: config.alarms.api5xxPer5Minutes });
    expect(alarm('dead-letter-queue')).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 0 });
    expect(alarm('llm-daily-spend')).toMatchObject({
      Namespace: 'Valine',
      MetricName: 'LlmCostUsd',
      Dimensions: [{ Name: 'Stage', Value: stage }],
      Statistic: 'Sum',
      Period: 86400,
      Threshold: config.dailyLlmBudgetUsd * 0.8,
    });
    for (const table of TABLE_DEFINITIONS) {
      const metrics = alarm(`${table.logicalName}-table-throttles`).Metrics as Array<{ MetricStat?: { Metric: { MetricName: string } } }>;
      expect(metrics.filter((m) => m.MetricStat).every((m) => m.MetricStat!.Metric.MetricName === 'ThrottledRequests')).toBe(true);
    }
  });

  test('each route has its own throttle from the stage config, so a flood on one cannot use up the other', () => {
    const [apiStage] = Object.values(resourcesOf(stage, 'AWS::ApiGateway::Stage'));
    const settings = apiStage!.Properties.MethodSettings as Array<{ ResourcePath: string; HttpMethod: string; ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const limitsOf = (resourcePath: string, httpMethod: string) => {
      const found = settings.filter((m) => m.ResourcePath === resourcePath && m.HttpMethod === httpMethod);
      expect(found).toHaveLength(1);
      return { rateLimitPerSecond: found[0]!.ThrottlingRateLimit, burstLimit: found[0]!.ThrottlingBurstLimit };
    };
    // MethodSettings escape "/" in resource paths as "~1".
    expect(limitsOf('/~1discord', 'POST')).toEqual(config.api.discord);
    expect(limitsOf('/~1github~1webhook', 'POST')).toEqual(config.api.githubWebhook);
    expect(config.api.discord).not.toEqual(config.api.githubWebhook);
    // The stage default, for a route added without its own limits: the stricter figures.
    expect(limitsOf('/*', '*')).toEqual({
      rateLimitPerSecond: Math.min(config.api.discord.rateLimitPerSecond, config.api.githubWebhook.rateLimitPerSecond),
      burstLimit: Math.min(config.api.discord.burstLimit, config.api.githubWebhook.burstLimit),
    });
  });

  test('the API routes POST /discord and POST /github/webhook to their functions, throttled and access-logged', () => {
    const functions = functionsOf(stage);
    const methods = Object.values(resourcesOf(stage, 'AWS::ApiGateway::Method'));
    expect(methods.map((m) => m.Properties.HttpMethod)).toEqual(['POST', 'POST']);
    const integrationTargets = methods.map((m) => JSON.stringify(m.Properties.Integration));
    for (const [id, header] of [['interactions', 'X-Signature-Ed25519'], ['github-webhook', 'X-Hub-Signature-256']] as const) {
      const index = integrationTargets.findIndex((t) => t.includes(functions[functionName(id, stage)]!.logicalId));
      expect(methods[index]!.Properties).toMatchObject({
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
        RequestParameters: { [`method.request.header.${header}`]: true },
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: stage,
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('^\\{"requestId":') },
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(JSON.stringify(outputs.DiscordInteractionsUrl!.Value)).toMatch(/"\/discord"\]\]\}$/);
    expect(JSON.stringify(outputs.GithubWebhookUrl!.Value)).toMatch(/"\/github\/webhook"\]\]\}$/);
    for (const name of ['ConversationsTableName', 'LedgerTableName', 'AlarmTopicArn', 'DashboardName', 'DashboardUrl', 'DeadLetterQueueUrl']) {
      expect(outputs).toHaveProperty(name);
    }
  });
});

describe('stage differences', () => {
  test('prod is termination-protected, dev is not', () => {
    const artifact = (stage: StageName) => synthesized[stage].app.synth().getStackByName(stackName(stage));
    expect(artifact('prod').terminationProtection).toBe(true);
    expect(artifact('dev').terminationProtection).toBe(false);
  });

  test('an alert e-mail from --context alertEmail subscribes to the alarm topic; none by default', () => {
    templates.dev.resourceCountIs('AWS::SNS::Subscription', 1);
    const withEmail = synthesizeStage('dev', { context: { alertEmail: 'oncall@example.com' } }).template;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });
});

/**
 * The operator's lists of functions say what the synthesized stacks hold: every function, its architecture,
 * memory and timeout. A function added to the stack, or resized, fails here until the docs follow.
 * (Here, on the templates synthesized above, rather than in a file of its own that synthesized both stages again.)
 */
describe('the runbook and infrastructure.md list the functions the stacks hold', () => {
  const DOCS = path.resolve(__dirname, '..', '..', 'docs');
  const runbook = readFileSync(path.join(DOCS, 'runbook.md'), 'utf8');
  const infrastructure = readFileSync(path.join(DOCS, 'infrastructure.md'), 'utf8');

  interface DeployedFunction {
    readonly architecture: string;
    readonly memoryMb: number;
    readonly timeoutSeconds: number;
  }

  function deployedFunctionsOf(stage: StageName): Map<string, DeployedFunction> {
    const found = new Map<string, DeployedFunction>();
    for (const { Properties: p } of Object.values(resourcesOf(stage, 'AWS::Lambda::Function'))) {
      if (typeof p.FunctionName !== 'string') continue; // the CDK's own helper functions have no name of ours
      found.set(p.FunctionName, {
        architecture: ((p.Architectures as string[] | undefined) ?? ['x86_64'])[0]!,
        memoryMb: p.MemorySize as number,
        timeoutSeconds: p.Timeout as number,
      });
    }
    return found;
  }
  const dev = deployedFunctionsOf('dev');
  const prod = deployedFunctionsOf('prod');

  /** The cells of a function's table row: `| \`id\` | architecture | memory dev / prod | timeout | …`. */
  function row(document: string, id: string): string[] {
    const line = document.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
    return line ? line.split('|').slice(1, -1).map((cell) => cell.trim()) : [];
  }

  test('the stacks hold exactly the functions of the contract', () => {
    expect([...dev.keys()].sort()).toEqual(FUNCTION_IDS.map((id) => functionName(id, 'dev')).sort());
    expect([...prod.keys()].sort()).toEqual(FUNCTION_IDS.map((id) => functionName(id, 'prod')).sort());
  });

  describe.each(FUNCTION_IDS)('the %s function', (id) => {
    test('has its real architecture, memory and timeout in the tables of the runbook and infrastructure.md', () => {
      const inDev = dev.get(functionName(id, 'dev'))!;
      const inProd = prod.get(functionName(id, 'prod'))!;
      expect(inProd.architecture).toBe(inDev.architecture);
      expect(inProd.timeoutSeconds).toBe(inDev.timeoutSeconds); // the tables have one timeout column
      for (const document of [runbook, infrastructure]) {
        const [, architecture, memory, timeout] = row(document, id);
        expect(architecture?.replace(/\*/g, '').split(' ')[0]).toBe(inDev.architecture);
        expect(memory).toBe(`${inDev.memoryMb} / ${inProd.memoryMb} MB`);
        expect(timeout).toBe(`${inDev.timeoutSeconds} s`);
      }
    });

    test('is in every loop over the functions in the runbook (verify, logs)', () => {
      const loops = runbook.split('\n').filter((line) => /^for f in .*; do$/.test(line));
      expect(loops.length).toBeGreaterThanOrEqual(2);
      for (const loop of loops) expect(loop.replace(/; do$/, '').split(' ')).toContain(id);
    });
  });
});
