import { Agent, request } from 'node:http';
import { percentile } from './stats';

export interface PreparedRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  concurrency: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  throughputPerSecond: number;
  /** Response bodies' interaction types (or HTTP statuses) and how often each came back. */
  answers: Record<string, number>;
}

function send(agent: Agent, url: URL, prepared: PreparedRequest): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(prepared.body), ...prepared.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          let answer = `HTTP ${res.statusCode}`;
          if (res.statusCode === 200) {
            try {
              answer = `type ${(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: number }).type}`;
            } catch {
              answer = 'HTTP 200 (not JSON)';
            }
          }
          resolve({ ms, answer });
        });
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}

/** Sends every prepared request, `concurrency` at a time over keep-alive connections, and times each answer. */
export async function runLoad(url: string, prepared: readonly PreparedRequest[], concurrency: number): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const answers: Record<string, number> = {};
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < prepared.length) {
      const item = prepared[next++] as PreparedRequest;
      const { ms, answer } = await send(agent, target, item);
      latencies.push(ms);
      answers[answer] = (answers[answer] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: prepared.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    throughputPerSecond: prepared.length / elapsedSeconds,
    answers,
  };
}
