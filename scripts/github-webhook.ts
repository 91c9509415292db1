/**
 * Sends a webhook delivery to the local server the way GitHub does, for trying the
 * github-webhook function locally:
 *
 *   GITHUB_WEBHOOK_SECRET=... npm run github-webhook -- pull_request test/fixtures/github/pull-request-closed-merged.json
 *
 * Options: --delivery <id> (replay a delivery; default a random uuid), --url <address>
 * (default http://localhost:$PORT/github/webhook, PORT defaulting to 3000); --help prints them.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SECRET_DEFINITIONS } from '../lambda/core/contract/parameters';
import { signGithubPayload } from '../lambda/core/github/signature';
import { OperatorError, parseOperatorArgs, runOperatorCommand, usageLine, type CommandHelp } from './ops/operator-command';

const HELP: CommandHelp = {
  command: 'npm run github-webhook',
  synopsis: '<event> <payload.json> [--delivery <id>] [--url <address>]',
  summary: 'Signs a payload file with GITHUB_WEBHOOK_SECRET and POSTs it to the local server the way GitHub delivers a webhook.',
  options: [
    ['--delivery <id>', 'The X-GitHub-Delivery id (default: a random uuid); repeat one to replay a delivery.'],
    ['--url <address>', 'Where to send it (default: http://localhost:$PORT/github/webhook, PORT defaulting to 3000).'],
  ],
  notes: [
    '<event> is the X-GitHub-Event name (pull_request, deployment_status, ping, …). GITHUB_WEBHOOK_SECRET must be the value',
    'the local server (npm start) was started with. Exit 0 when the server answers 2xx, 1 otherwise.',
  ],
  examples: ['GITHUB_WEBHOOK_SECRET=... npm run github-webhook -- pull_request test/fixtures/github/pull-request-closed-merged.json'],
};

async function main(): Promise<number> {
  const { values, positionals } = parseOperatorArgs(process.argv.slice(2), { delivery: { type: 'string' }, url: { type: 'string' } }, HELP);
  const [event, payloadFile] = positionals;
  if (!event || !payloadFile || positionals.length > 2) {
    throw new OperatorError(`Expected an event name and a payload file; usage: ${usageLine(HELP)} (example: ${HELP.examples[0]}).`);
  }
  const secretVariable = SECRET_DEFINITIONS['github-webhook-secret'].envVar;
  const secret = process.env[secretVariable];
  if (!secret) {
    throw new OperatorError(`${secretVariable} is not set. Set it to the same value the local server (npm start) was started with, then run this again.`);
  }
  let body: Buffer;
  try {
    body = await readFile(payloadFile);
  } catch (error) {
    throw new OperatorError(`Cannot read ${payloadFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }

  const url = values.url ?? `http://localhost:${process.env.PORT || '3000'}/github/webhook`;
  const deliveryId = values.delivery ?? randomUUID();
  let response: Response;
  try {
    // The exact bytes of the file are signed and sent, as GitHub signs the bytes it sends.
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/local',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signGithubPayload(secret, body),
      },
      body: new Uint8Array(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new OperatorError(`Could not reach ${url} (${reason}). Is the local server running (npm start)?`);
  }
  console.log(`POST ${url}\nX-GitHub-Event: ${event}\nX-GitHub-Delivery: ${deliveryId}\n\n${response.status} ${response.statusText}\n${await response.text()}`);
  return response.ok ? 0 : 1;
}

runOperatorCommand(main);
