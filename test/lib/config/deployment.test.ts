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

  test('a malformed account or region is rejected with the fix', () => {
    expect(rejection({ account: '12345' })).toContain('The account "12345" is not a 12-digit AWS account id; pass --context account=');
    expect(rejection({}, { CDK_DEFAULT_REGION: 'Frankfurt' })).toContain('The region "Frankfurt" is not an AWS region name');
  });

  test('--context alertEmail is validated like the config', () => {
    expect(resolveDeployment(context({ alertEmail: 'oncall@example.com' }), {}).config.alertEmail).toBe('oncall@example.com');
    expect(rejection({ alertEmail: 'oncall' })).toContain('alertEmail must be an e-mail address');
  });
});
