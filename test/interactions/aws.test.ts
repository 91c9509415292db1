import { EnvironmentError } from '../../lambda/core/contract/environment';
import { awsInteractionsPorts } from '../../lambda/interactions/aws';
import { interactionsRuntime } from '../../lambda/interactions/handler';
import { handler } from '../../lambda/interactions/index';
import { awsWorkerPorts } from '../../lambda/worker/aws';

export const interactionsEnv = {
  VALINE_STAGE: 'prod',
  VALINE_VERSION: '1.0.0',
  CONVERSATIONS_TABLE: 'valine-conversations-prod',
  LEDGER_TABLE: 'valine-ledger-prod',
  WORKER_FUNCTION_NAME: 'valine-orchestrator-worker-prod',
  TASK_TTL_SECONDS: '900',
  WORKER_TIMEOUT_SECONDS: '120',
  AWS_REGION: 'eu-west-1',
};

describe('the AWS composition of the interactions function', () => {
  it('names SSM parameter paths when telling people which flag to set, and lists the staff', () => {
    const { deps } = interactionsRuntime(awsInteractionsPorts(interactionsEnv));
    expect(deps.stage).toBe('prod');
    expect(deps.locateFlag('admin-user-ids')).toBe('the SSM parameter /valine/prod/flags/admin-user-ids');
    expect(deps.agents.forCommand('ux-update')?.id).toBe('ux');
  });

  it('derives the abandoned-execution age from WORKER_TIMEOUT_SECONDS', () => {
    expect(interactionsRuntime(awsInteractionsPorts({ ...interactionsEnv, WORKER_TIMEOUT_SECONDS: '300' })).deps.timings).toEqual({
      workerTimeoutSeconds: 300,
      proposeLeaseSeconds: 330,
      abandonedExecutionSeconds: 330,
    });
  });

  it('refuses a missing variable or a bad stage with a sentence', () => {
    const { WORKER_FUNCTION_NAME: _omitted, ...missing } = interactionsEnv;
    expect(() => awsInteractionsPorts(missing)).toThrow(new EnvironmentError('The interactions function is missing environment variable(s) WORKER_FUNCTION_NAME; redeploy the stack.'));
    expect(() => awsInteractionsPorts({ ...interactionsEnv, VALINE_STAGE: 'qa' })).toThrow(/VALINE_STAGE "qa" is not a stage/);
    expect(() => awsWorkerPorts({ ...interactionsEnv, TASK_TTL_SECONDS: 'soon' })).toThrow(/TASK_TTL_SECONDS must be a whole number of seconds/);
    expect(() => awsWorkerPorts({ ...interactionsEnv, WORKER_TIMEOUT_SECONDS: '0' })).toThrow(/WORKER_TIMEOUT_SECONDS must be a whole number of seconds/);
  });

  it('answers 503 with a sentence, not a crash, when the function is not configured', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handler({ headers: {}, body: '{}' });
    expect(log.mock.calls[0]?.[0]).toMatch(/"message":"The interactions function is not configured".*missing environment variable/);
    log.mockRestore();
    expect(response.statusCode).toBe(503);
    expect(response.body).toBe('The bot is not configured yet; the operator should check the function logs.');
  });
});
