import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

interface SsmCall {
  readonly action: string;
  readonly body: Record<string, unknown>;
}

/** A loopback server speaking SSM's JSON protocol: Get/PutParameter against a map, AccessDenied for /denied/. */
function startFakeSsm(): Promise<{ server: Server; endpoint: string; calls: SsmCall[]; parameters: Map<string, { Value: string; Type: string; Version: number }> }> {
  const calls: SsmCall[] = [];
  const parameters = new Map<string, { Value: string; Type: string; Version: number }>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target']).replace('AmazonSSM.', '');
      const body = JSON.parse(raw || '{}') as Record<string, string>;
      calls.push({ action, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      if (String(body.Name).startsWith('/valine/prod/flags/enable-alerts')) {
        return reply(400, { __type: 'AccessDeniedException', message: 'User is not authorized to perform ssm:PutParameter' });
      }
      if (action === 'GetParameter') {
        const found = parameters.get(body.Name!);
        return found
          ? reply(200, { Parameter: { Name: body.Name, ...found } })
          : reply(400, { __type: 'ParameterNotFound', message: 'Parameter not found.' });
      }
      if (action === 'PutParameter') {
        const version = (parameters.get(body.Name!)?.Version ?? 0) + 1;
        parameters.set(body.Name!, { Value: body.Value!, Type: body.Type!, Version: version });
        return reply(200, { Version: version, Tier: 'Standard' });
      }
      return reply(400, { __type: 'InvalidAction', message: action });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, parameters })),
  );
}

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let ssm: Awaited<ReturnType<typeof startFakeSsm>>;

function runScript(script: string, args: string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Result> {
  // What `npm run <script>` runs, without npm's own start-up.
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [`scripts/ops/${script}.ts`, ...args], {
    cwd: PROJECT_ROOT,
    stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
      AWS_SECRET_ACCESS_KEY: 'local-test-only',
      AWS_EC2_METADATA_DISABLED: 'true',
      // The SDK's "Node 22 soon" notice on Node 20 is not the scripts' output.
      NODE_NO_WARNINGS: '1',
      NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      ...options.env,
    } as NodeJS.ProcessEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr: stderr.split('\n').filter((l) => l && !l.startsWith('npm ')).join('\n') })));
}

beforeAll(async () => {
  ssm = await startFakeSsm();
});
afterAll(() => new Promise<void>((resolve) => ssm.server.close(() => resolve())));

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nbm90LWEtcmVhbC1rZXk=\n-----END PRIVATE KEY-----';

describe('npm run set-flag', () => {
  test('writes a valid value over the existing one and says what it was', async () => {
    ssm.parameters.set('/valine/prod/flags/use-llm-parsing', { Value: 'false', Type: 'String', Version: 1 });
    const result = await runScript('set-flag', ['--stage', 'prod', 'use-llm-parsing', 'true']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Set /valine/prod/flags/use-llm-parsing = true (was false; version 2)');
    expect(ssm.parameters.get('/valine/prod/flags/use-llm-parsing')).toEqual({ Value: 'true', Type: 'String', Version: 2 });
    expect(ssm.calls.find((c) => c.action === 'PutParameter' && c.body.Name === '/valine/prod/flags/use-llm-parsing')?.body).toMatchObject({ Overwrite: true });
  });

  test('rejects a value the flag contract does not accept, without calling AWS', async () => {
    const before = ssm.calls.length;
    const result = await runScript('set-flag', ['--stage', 'dev', 'max-daily-llm-cost-usd', 'ten']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^"ten" is not a valid value for max-daily-llm-cost-usd \(expected a dollar amount such as 10 or 2\.50\); Hard limit/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(ssm.calls.length).toBe(before);
  });

  test('an unknown flag lists the flags; an unknown stage lists the stages', async () => {
    const [flag, stage] = await Promise.all([
      runScript('set-flag', ['--stage', 'dev', 'use-llm', 'true']),
      runScript('set-flag', ['--stage', 'staging', 'use-llm-parsing', 'true']),
    ]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toMatch(/^Unknown flag "use-llm"; flags: llm-provider, llm-model, .*, use-llm-parsing, disable-ux-updates, disable-revert\.$/);
    expect(stage.code).toBe(1);
    expect(stage.stderr).toBe('Unknown stage "staging"; use one of dev, prod.');
  });

  test('missing credentials become one sentence naming the fix, with no SDK notice around it', async () => {
    const result = await runScript('set-flag', ['--stage', 'dev', 'use-llm-parsing', 'true'], {
      // Node's warnings left on, as in an operator's shell.
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, HOME: mkdtempSync(path.join(tmpdir(), 'no-aws-')), NODE_NO_WARNINGS: undefined },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^No AWS credentials found \(.+\); set AWS_PROFILE \(or run aws sso login\) and try again\.$/);
  });

  test('an AWS error becomes one sentence and exit 1', async () => {
    const result = await runScript('set-flag', ['--stage', 'prod', 'enable-alerts', 'false']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'AWS refused the request (AccessDeniedException: User is not authorized to perform ssm:PutParameter); check AWS_PROFILE / AWS_REGION and your permissions.',
    );
  });
});

describe('npm run put-secret', () => {
  test('stores stdin as a SecureString, keeps a multi-line PEM intact and never prints it', async () => {
    const result = await runScript('put-secret', ['--stage', 'dev', '--name', 'github-private-key'], { stdin: `${PEM}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(ssm.parameters.get('/valine/dev/secrets/github-private-key')).toMatchObject({ Value: PEM, Type: 'SecureString' });
    expect(result.stdout).toContain('Stored /valine/dev/secrets/github-private-key as a SecureString (version 1, read from stdin)');
    expect(result.stdout + result.stderr).not.toContain('MIIEvQ');
  });

  test('falls back to the environment variable named in the secret contract', async () => {
    const result = await runScript('put-secret', ['--stage', 'prod', '--name', 'discord-public-key'], { env: { DISCORD_PUBLIC_KEY: 'a1b2c3d4e5f6' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('read from $DISCORD_PUBLIC_KEY');
    expect(result.stdout).not.toContain('a1b2c3d4e5f6');
    expect(ssm.parameters.get('/valine/prod/secrets/discord-public-key')).toMatchObject({ Value: 'a1b2c3d4e5f6', Type: 'SecureString' });
  });

  test('--stage local stores the secret in the local secrets file (mode 600), beside the others, without calling AWS', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'valine-local-secret-'));
    const before = ssm.calls.length;
    const first = await runScript('put-secret', ['--stage', 'local', '--name', 'discord-bot-token'], { stdin: 'bot-token-123\n', env: { VALINE_HOME: home } });
    const second = await runScript('put-secret', ['--stage', 'local', '--name', 'openai-api-key'], { stdin: 'sk-456', env: { VALINE_HOME: home } });
    expect([first.code, second.code]).toEqual([0, 0]);
    const file = path.join(home, 'secrets.json');
    expect(first.stdout).toBe(`Stored discord-bot-token in ${file} (mode 600, read from stdin); restart npm start to use it.\n`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ 'discord-bot-token': 'bot-token-123', 'openai-api-key': 'sk-456' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.stdout + second.stdout).not.toMatch(/bot-token-123|sk-456/);
    expect(ssm.calls.length).toBe(before);
  });

  test('refuses unknown names, values on the command line and empty values, without calling AWS', async () => {
    const before = ssm.calls.length;
    const [unknown, onCommandLine, empty] = await Promise.all([
      runScript('put-secret', ['--stage', 'dev', '--name', 'openai-key'], { stdin: 'x' }),
      runScript('put-secret', ['--stage', 'dev', '--name', 'openai-api-key', 'sk-live-123']),
      runScript('put-secret', ['--stage', 'dev', '--name', 'openai-api-key']),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Unknown secret "openai-key"; secrets: discord-public-key, /);
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.stderr).toMatch(/never pass a secret on the command line/);
    expect(onCommandLine.stderr).not.toContain('sk-live-123');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('The value for openai-api-key is empty (read from stdin and $OPENAI_API_KEY); nothing was written.');
    expect(ssm.calls.length).toBe(before);
  });
});
