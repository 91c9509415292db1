/**
 * Sends a webhook delivery to the local server the way GitHub does, for trying the
 * github-webhook function locally:
 *
 *   GITHUB_WEBHOOK_SECRET=... npm run github-webhook -- pull_request test/fixtures/github/pull-request-closed-merged.json
 *
 * Options: --delivery <id> (replay a delivery; default a random uuid), --url <address>
 * (default http://localhost:$PORT/github/webhook, PORT defaulting to 3000).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SECRET_DEFINITIONS } from '../lambda/core/contract/parameters';
import { signGithubPayload } from '../lambda/core/github/signature';

const USAGE = 'Usage: npm run github-webhook -- <event> <payload.json> [--delivery <id>] [--url <address>]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { delivery: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [event, payloadFile] = positionals;
  if (!event || !payloadFile || positionals.length > 2) {
    console.error(`${USAGE}\nExample: npm run github-webhook -- pull_request test/fixtures/github/pull-request-closed-merged.json`);
    return 2;
  }
  const secretVariable = SECRET_DEFINITIONS['github-webhook-secret'].envVar;
  const secret = process.env[secretVariable];
  if (!secret) {
    console.error(`${secretVariable} is not set. Set it to the same value the local server (npm start) was started with, then run this again.`);
    return 2;
  }
  let body: Buffer;
  try {
    body = await readFile(payloadFile);
  } catch (error) {
    console.error(`Cannot read ${payloadFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    return 2;
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
    console.error(`Could not reach ${url} (${reason}). Is the local server running (npm start)?`);
    return 1;
  }
  console.log(`POST ${url}\nX-GitHub-Event: ${event}\nX-GitHub-Delivery: ${deliveryId}\n\n${response.status} ${response.statusText}\n${await response.text()}`);
  return response.ok ? 0 : 1;
}

main().then((code) => process.exit(code));
