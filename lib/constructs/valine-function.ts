import * as path from 'node:path';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing, type CfnFunction, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EnvironmentOf, FunctionId } from '../../lambda/core/contract/environment';
import type { StageName } from '../../lambda/core/contract/stages';
import { METRICS_NAMESPACE } from '../../lambda/core/contract/metrics';
import { flagsPath, secretParameterName, type SecretName } from '../../lambda/core/contract/parameters';
import packageJson from '../../package.json';
import { functionName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';
import { removalPolicyOfLogsAndQueues } from './removal-policy';
import type { ValineTable } from './valine-tables';
import { LAMBDA_BUNDLE, LAYER_MODULES, runtimeNodeOptions } from './lambda-bundle';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The variables every function gets from the house defaults; the caller supplies the rest. */
type HouseVariables = 'VALINE_STAGE' | 'VALINE_VERSION';

export interface ValineFunctionProps<F extends FunctionId> {
  readonly functionId: F;
  readonly config: StageConfig;
  readonly description: string;
  /** The function's environment contract (lambda/core/contract/environment.ts) minus the house variables. */
  readonly environment: Omit<EnvironmentOf<F>, HouseVariables>;
  /** ARM64 unless a function needs a binary built for x86_64 (the screenshot function's Chromium). */
  readonly architecture?: Architecture;
  /** Layers holding what LAYER_MODULES leaves out of the bundle (and binaries such as Chromium). */
  readonly layers?: ILayerVersion[];
}

export type TableAccessMode = 'RO' | 'RW';

/** The SSM parameters a function's handler reads, and nothing more. */
export interface ParameterAccess {
  /** The flag reader: one GetParametersByPath on /valine/<stage>/flags (flags are not secret; all or none). */
  readonly flags: boolean;
  /** The SecureString secrets it reads, each by name with GetParameter (lambda/core/adapters/ssm-secrets.ts). */
  readonly secrets: readonly SecretName[];
}

/**
 * The house NodejsFunction: handler `lambda/<id>/index.ts`, nodejs22.x on ARM64, a minified CJS
 * esbuild bundle with source maps without embedded sources (local esbuild, no Docker), X-Ray tracing, its own log group
 * with the stage's retention, and a role that starts with nothing but writing to that log group.
 */
export class ValineFunction<F extends FunctionId> extends NodejsFunction {
  readonly functionId: F;
  readonly stage: StageName;
  readonly functionLogGroup: LogGroup;
  readonly timeoutSeconds: number;
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: ValineFunctionProps<F>) {
    const { config, functionId } = props;
    const name = functionName(functionId, config.stage);
    const settings = config.functions[functionId];
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      logGroupName: `/aws/lambda/${name}`,
      retention: config.logRetentionDays,
      removalPolicy: removalPolicyOfLogsAndQueues(config),
    });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${name}`,
    });
    logGroup.grantWrite(role);
    const environment: EnvironmentOf<F> = {
      ...props.environment,
      VALINE_STAGE: config.stage,
      VALINE_VERSION: packageJson.version,
    } as EnvironmentOf<F>;

    super(scope, id, {
      functionName: name,
      description: props.description,
      entry: path.join(PROJECT_ROOT, 'lambda', functionId, 'index.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: props.architecture ?? Architecture.ARM_64,
      ...(props.layers ? { layers: props.layers } : {}),
      memorySize: settings.memorySizeMb,
      timeout: Duration.seconds(settings.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        ...environment,
        POWERTOOLS_SERVICE_NAME: functionId,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(runtimeNodeOptions(functionId) ? { NODE_OPTIONS: runtimeNodeOptions(functionId) } : {}),
      },
      bundling: {
        format: OutputFormat.CJS,
        target: LAMBDA_BUNDLE.target,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourcemap,
        sourcesContent: LAMBDA_BUNDLE.sourcesContent,
        externalModules: [...LAMBDA_BUNDLE.external, ...(LAYER_MODULES[functionId] ?? [])],
        logLevel: LogLevel.WARNING,
      },
    });
    this.functionId = functionId;
    this.stage = config.stage;
    this.functionLogGroup = logGroup;
    this.timeoutSeconds = settings.timeoutSeconds;
    this.executionRole = role;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x on purpose: bundles target node22 and the handlers are tested on that line; moving to a newer runtime is a reviewed change in lib/constructs/valine-function.ts.',
    });
  }

  /** Grants exactly read ('RO') or read-write ('RW') data access to the table and its indexes (its name reaches the handler through the typed environment). */
  bindTable({ table, accessMode }: { table: ValineTable; accessMode: TableAccessMode }): this {
    if (accessMode === 'RO') table.grantReadData(this);
    else table.grantReadWriteData(this);
    if (table.definition.indexes.length > 0) {
      Validations.of(this.executionRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
        reason: `Queries on the global secondary indexes of ${table.definition.logicalName}, the table this function uses; no other table.`,
      });
    }
    return this;
  }

  /** Lets this function invoke `target` (any version or alias of it, nothing else). */
  grantInvokeOf(target: ValineFunction<FunctionId>): this {
    target.grantInvoke(this);
    Validations.of(this.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(target).getLogicalId(target.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason: `Invoking ${target.functionId} by qualified ARN (version or alias) as well as unqualified; no other function.`,
    });
    return this;
  }

  /**
   * Grants exactly the parameters the handler reads: GetParametersByPath on this stage's flags path (authorized against
   * the path itself, so no wildcard and no way to list /secrets) and GetParameter on each named secret's own ARN.
   * SecureStrings use the AWS-managed aws/ssm key, whose key policy already allows decryption through SSM.
   */
  bindParameters({ flags, secrets }: ParameterAccess): this {
    // Pseudo parameters even when the stack has a fixed account/region, so the template reads the same either way.
    const arn = (name: string) => `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${name}`;
    if (flags) {
      this.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParametersByPath'], resources: [arn(flagsPath(this.stage))] }));
    }
    if (secrets.length > 0) {
      const names = [...new Set(secrets)].sort();
      this.addToRolePolicy(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: names.map((name) => arn(secretParameterName(this.stage, name))) }));
    }
    return this;
  }
}
