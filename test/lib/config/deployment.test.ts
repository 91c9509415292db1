import { resolveDeployment } from '../../../lib/config/deployment';
import { StageConfigError } from '../../../lib/config/stage-config-error';

const context = (values: Record<string, unknown>) => (key: string) => values[key];
const rejection = (values: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): string => {
  try {
    resolveDeployment(context(values), env);
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return (error as Error).message;
  }
  throw new Error('expected resolveDeployment to fail');
};

describe('resolveDeployment', () => {
  test('no context means dev, environment-agnostic', () => {
    const deployment = resolveDeployment(context({}), {});
    expect(deployment.config.stage).toBe('dev');
    expect(deployment.env).toEqual({});
  });

  test('--context stage=prod selects prod', () => {
    expect(resolveDeployment(context({ stage: 'prod' }), {}).config.stage).toBe('prod');
  });

  test('an unknown stage names the known stages and the fix', () => {
    expect(rejection({ stage: 'staging' })).toBe(
      'Unknown stage "staging": the known stages are dev and prod; pass --context stage=dev or --context stage=prod.',
    );
  });

  test('an empty stage context is rejected with the fix', () => {
    expect(rejection({ stage: '' })).toBe('The stage context is empty; pass --context stage=dev or --context stage=prod.');
  });

  test('account and region come from the CLI environment, context wins', () => {
    const env = { CDK_DEFAULT_ACCOUNT: '111111111111', CDK_DEFAULT_REGION: 'eu-west-1' };
    expect(resolveDeployment(context({}), env).env).toEqual({ account: '111111111111', region: 'eu-west-1' });
    expect(resolveDeployment(context({ account: '222222222222', region: 'us-east-1' }), env).env).toEqual({
      account: '222222222222',
      region: 'us-east-1',
    });
  });

  test('a malformed region is rejected with the fix', () => {
    expect(rejection({}, { CDK_DEFAULT_REGION: 'Frankfurt' })).toBe(
      'The region "Frankfurt" (from CDK_DEFAULT_REGION) is not an AWS region name; unset CDK_DEFAULT_REGION or pass --context region=eu-west-1 (for example).',
    );
  });

  test('a malformed account from the context or from CDK_DEFAULT_ACCOUNT names where it came from', () => {
    expect(rejection({ stage: 'prod', account: '12345' })).toBe(
      'The account "12345" (from --context account) is not a 12-digit AWS account id; pass --context account=123456789012 (for example) or leave it out.',
    );
    expect(rejection({}, { CDK_DEFAULT_ACCOUNT: '1234567890123' })).toBe(
      'The account "1234567890123" (from CDK_DEFAULT_ACCOUNT) is not a 12-digit AWS account id; unset CDK_DEFAULT_ACCOUNT or pass --context account=123456789012 (for example).',
    );
  });

  test('an account id written as a number in cdk.json is accepted', () => {
    expect(resolveDeployment(context({ account: 123456789012 }), {}).env).toEqual({ account: '123456789012' });
  });

  test('--context alertEmail selects the subscription; a malformed one names the context, not the config file', () => {
    expect(resolveDeployment(context({ alertEmail: 'oncall@example.com' }), {}).config.alertEmail).toBe('oncall@example.com');
    expect(rejection({ stage: 'prod', alertEmail: 'oncall' })).toBe(
      'The alertEmail context "oncall" is not an e-mail address; pass --context alertEmail=oncall@example.com (for example) or leave it out.',
    );
  });

  test('--context discordPublicKey gives the interactions function its key without SSM; a malformed one is refused with the fix', () => {
    const key = 'a'.repeat(64);
    expect(resolveDeployment(context({ discordPublicKey: key }), {}).config.discordPublicKey).toBe(key);
    expect(resolveDeployment(context({}), {}).config.discordPublicKey).toBeUndefined();
    expect(rejection({ stage: 'prod', discordPublicKey: 'not-a-key' })).toBe(
      'The discordPublicKey context is not a Discord public key; pass the application\'s "Public Key" (64 hexadecimal characters) from the developer portal, or leave it out to read it from SSM.',
    );
  });

  test('a misspelt context key fails instead of silently deploying dev', () => {
    const keys = (values: Record<string, unknown>) => Object.keys(values);
    const misspelt = { stag: 'prod' };
    expect(() => resolveDeployment(context(misspelt), {}, keys(misspelt))).toThrow(
      'Unknown context key "stag" (did you mean stage?); this app reads stage, account, region, alertEmail, discordPublicKey, so pass --context stage=<value>.',
    );
    expect(() => resolveDeployment(context({ Stage: 'prod' }), {}, ['Stage'])).toThrow('did you mean stage?');
    expect(() => resolveDeployment(context({ alertemail: 'a@b.co' }), {}, ['alertemail'])).toThrow('did you mean alertEmail?');
  });

  test("the CDK's own context keys and unrelated ones pass", () => {
    const cdkKeys = ['@aws-cdk/core:newStyleStackSynthesis', 'aws:cdk:bundling-stacks', 'acknowledged-issue-numbers', 'cli-telemetry', 'stage'];
    expect(resolveDeployment(context({ stage: 'prod' }), {}, cdkKeys).config.stage).toBe('prod');
  });
});
