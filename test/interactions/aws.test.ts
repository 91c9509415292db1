import { EnvironmentError } from '../../../lambda/core/contract/environment';
import { buildAwsInteractionsRuntime } from '../../../lambda/core/runtime/aws-interactions';
import { buildAwsWorkerDeps } from '../../../lambda/core/runtime/aws-worker';
import { handler } from '../../../lambda/interactions/index';

const interactionsEnv = {
  VALINE_STAGE: 'prod',
  VALINE_VERSION: '1.0.0',
  CONVERSATIONS_TABLE: 'valine-conversations-prod',
  LEDGER_TABLE: 'valine-ledger-prod',
  WORKER_FUNCTION_NAME: 'valine-orchestrator-worker-prod',
  TASK_TTL_SECONDS: '900',
  AWS_REGION: 'eu-west-1',
};

describe('the AWS composition roots', () => {
  it('name SSM parameter paths when telling people which flag to set', () => {
    const runtime = buildAwsInteractionsRuntime(interactionsEnv);
    expect(runtime.deps.stage).toBe('prod');
    expect(runtime.deps.locateFlag('admin-user-ids')).toBe('the SSM parameter /valine/prod/flags/admin-user-ids');
    expect(runtime.deps.agents.forCommand('ux-update')?.id).toBe('ux');
  });

  it('refuse a missing variable or a bad stage with a sentence', () => {
    const { WORKER_FUNCTION_NAME: _omitted, ...missing } = interactionsEnv;
    expect(() => buildAwsInteractionsRuntime(missing)).toThrow(new EnvironmentError('The interactions function is missing environment variable(s) WORKER_FUNCTION_NAME; redeploy the stack.'));
    expect(() => buildAwsInteractionsRuntime({ ...interactionsEnv, VALINE_STAGE: 'qa' })).toThrow(/VALINE_STAGE "qa" is not a stage/);
    expect(() => buildAwsWorkerDeps({ ...interactionsEnv, TASK_TTL_SECONDS: 'soon' })).toThrow(/TASK_TTL_SECONDS must be a whole number of seconds/);
  });

  it('answer 503 with a sentence, not a crash, when the function is not configured', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler({ headers: {}, body: '{}' });
    expect(log.mock.calls[0]?.[0]).toMatch(/"message":"The interactions function is not configured".*missing environment variable/);
    log.mockRestore();
    expect(response.statusCode).toBe(503);
    expect(response.body).toBe('The bot is not configured yet; the operator should check the function logs.');
  });
});
