/**
 * Stores one secret as an SSM SecureString: `npm run put-secret -- --stage dev --name discord-public-key`.
 * The value comes from stdin when piped, else from the environment variable named in the secret
 * contract (e.g. DISCORD_PUBLIC_KEY), else from a hidden prompt. The value is never printed.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { isSecretName, SECRET_DEFINITIONS, SECRET_NAMES, secretParameterName } from '../../lambda/core/contract/parameters';
import { localSettings } from '../../lambda/local/settings';
import { writeLocalSecret } from '../../lambda/local/local-secrets';
import { OperatorError, parseOperatorArgs, requireStage, runOperatorCommand, usageLine, type CommandHelp } from './operator-command';

const HELP: CommandHelp = {
  command: 'npm run put-secret',
  synopsis: '--stage <dev|prod|local> --name <secret-name>',
  summary: 'Stores one secret as the SSM SecureString /valine/<stage>/secrets/<name>; the value is never printed.',
  options: [
    ['--stage <dev|prod|local>', 'The stage whose secret it is; local writes .valine/secrets.json for npm start, without AWS.'],
    ['--name <secret-name>', 'Which secret (the list below).'],
  ],
  notes: [
    'The value comes from stdin when piped, else from the secret\'s environment variable, else from a hidden prompt;',
    'never pass it as an argument (it would stay in your shell history). dev and prod need AWS credentials (AWS_PROFILE, AWS_REGION); local does not.',
    '',
    'Secrets (environment variable):',
    ...SECRET_NAMES.map((name) => `  ${name} (${SECRET_DEFINITIONS[name].envVar}): ${SECRET_DEFINITIONS[name].description}`),
  ],
  examples: [
    'npm run put-secret -- --stage dev --name discord-bot-token',
    'npm run put-secret -- --stage local --name openai-api-key',
    'npm run put-secret -- --stage prod --name github-private-key < github-app.private-key.pem',
  ],
};
const USAGE = `${usageLine(HELP)} (value on stdin or in its environment variable)`;
// SSM standard-tier parameters hold at most 4 KB.
const MAX_BYTES = 4096;

runOperatorCommand(async () => {
  const { values, positionals } = parseOperatorArgs(process.argv.slice(2), { stage: { type: 'string' }, name: { type: 'string' } }, HELP);
  const local = values.stage === 'local';
  const stage = local ? undefined : requireStage(values.stage, HELP);
  if (positionals.length > 0) {
    throw new OperatorError(`Unexpected argument after the options (never pass a secret on the command line, it stays in your shell history); usage: ${USAGE}.`);
  }
  const name = values.name;
  if (name === undefined) throw new OperatorError(`Missing --name; usage: ${USAGE}.`);
  if (!isSecretName(name)) throw new OperatorError(`Unknown secret "${name}"; secrets: ${SECRET_NAMES.join(', ')}.`);

  const { envVar } = SECRET_DEFINITIONS[name];
  const { value, source } = await readSecretValue(envVar, name);
  if (value === '') throw new OperatorError(`The value for ${name} is empty (read from ${source}); nothing was written.`);
  if (Buffer.byteLength(value) > MAX_BYTES) {
    throw new OperatorError(`The value for ${name} is longer than ${MAX_BYTES} bytes, the SSM limit; check that you piped the right file.`);
  }

  if (!stage) {
    // Local mode reads this file once at start: the secret never sits in the environment of npm start, where other programs could read it.
    const file = localSettings().secretsFile;
    await writeLocalSecret(file, name, value);
    process.stdout.write(`Stored ${name} in ${file} (mode 600, read from ${source}); restart npm start to use it.\n`);
    return;
  }
  const parameterName = secretParameterName(stage, name);
  const { Version } = await new SSMClient({}).send(
    new PutParameterCommand({ Name: parameterName, Value: value, Type: 'SecureString', Overwrite: true }),
  );
  process.stdout.write(`Stored ${parameterName} as a SecureString (version ${Version}, read from ${source}); running functions pick it up within their cache period.\n`);
});

async function readSecretValue(envVar: string, name: string): Promise<{ value: string; source: string }> {
  if (!process.stdin.isTTY) {
    const piped = stripTrailingNewlines(await readAll(process.stdin));
    if (piped !== '') return { value: piped, source: 'stdin' };
  }
  const fromEnv = process.env[envVar];
  if (fromEnv !== undefined && fromEnv !== '') return { value: stripTrailingNewlines(fromEnv), source: `$${envVar}` };
  if (!process.stdin.isTTY) return { value: '', source: `stdin and $${envVar}` };
  process.stderr.write(`Value for ${name} (input hidden, Enter to finish): `);
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return { value: line.trim(), source: 'the prompt' };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function stripTrailingNewlines(value: string): string {
  return value.replace(/[\r\n]+$/, '');
}
