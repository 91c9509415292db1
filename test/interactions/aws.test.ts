import { EnvironmentError } from '../../lambda/core/contract/environment';
import { awsInteractions } from '../../lambda/interactions/aws';
import { interactionsDeps } from '../../lambda/interactions/handler';
import { handler } from '../../lambda/interactions/index';
import { awsWorkerPorts } from '../../lambda/worker/aws';
import { buildInteractions } from '../../lambda/interactions/handler';
import { generateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { pingInteraction } from '../../lambda/local/interaction-builder';

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
  it('names SSM parameter paths when telling people which flag to set, and lists the staff', async () => {
    const deps = await interactionsDeps(await awsInteractions(interactionsEnv).ports());
    expect(deps.stage).toBe('prod');
    expect(deps.locateFlag('admin-user-ids')).toBe('the SSM parameter /valine/prod/flags/admin-user-ids');
    expect(deps.agents.forCommand('ux-update')?.id).toBe('ux');
  });

  it('derives the abandoned-execution age from WORKER_TIMEOUT_SECONDS', async () => {
    expect((await interactionsDeps(await awsInteractions({ ...interactionsEnv, WORKER_TIMEOUT_SECONDS: '300' }).ports())).timings).toEqual({
      workerTimeoutSeconds: 300,
      proposeLeaseSeconds: 330,
      abandonedExecutionSeconds: 330,
      sweepStartBudgetSeconds: 75,
    });
  });

  it('refuses a missing variable or a bad stage with a sentence', async () => {
    const { WORKER_FUNCTION_NAME: _omitted, ...missing } = interactionsEnv;
    await expect(awsInteractions(missing).ports()).rejects.toThrow(new EnvironmentError('The interactions function is missing environment variable(s) WORKER_FUNCTION_NAME; redeploy the stack.'));
    await expect(awsInteractions({ ...interactionsEnv, VALINE_STAGE: 'qa' }).publicKey()).rejects.toThrow(/VALINE_STAGE "qa" is not a stage/);
    expect(() => awsWorkerPorts({ ...interactionsEnv, TASK_TTL_SECONDS: 'soon' })).toThrow(/TASK_TTL_SECONDS must be a whole number of seconds/);
    expect(() => awsWorkerPorts({ ...interactionsEnv, WORKER_TIMEOUT_SECONDS: '0' })).toThrow(/WORKER_TIMEOUT_SECONDS must be a whole number of seconds/);
  });

  it('answers a PING with the key from DISCORD_PUBLIC_KEY, reading no SSM parameter', async () => {
    const keys = generateDevKeyPair();
    // No AWS credentials and an SSM endpoint that refuses connections: a PING must not need them.
    const handle = buildInteractions(awsInteractions({ ...interactionsEnv, DISCORD_PUBLIC_KEY: keys.publicKeyHex, AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9' }));
    const body = JSON.stringify(pingInteraction());
    expect(await handle({ headers: signInteraction(body, keys.privateKey), body })).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"type":1}' });
  });

  it('answers 503, with the reason logged, when DISCORD_PUBLIC_KEY is not a key', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const handle = buildInteractions(awsInteractions({ ...interactionsEnv, DISCORD_PUBLIC_KEY: 'not-hex' }));
    const response = await handle({ headers: {}, body: '{}' });
    expect(log.mock.calls[0]?.[0]).toContain('The Discord public key must be 64 hexadecimal characters');
    log.mockRestore();
    expect(response.statusCode).toBe(503);
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
