import { spawn } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_IDS, type FunctionId } from '../../lambda/core/contract/environment';
import { secretParameterName } from '../../lambda/core/contract/parameters';
import { generateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { pingInteraction } from '../../lambda/local/interaction-builder';
import { startFakeSsm } from '../lib/fake-ssm';
import { median, ms, table } from '../lib/stats';
import type { BenchSuite, Check } from '../suite';
import { LAMBDA_BUNDLE, LAYER_MODULES } from '../../lib/constructs/lambda-bundle';

const COLD_RUNS = 9;
const INTERACTIONS_BUNDLE_LIMIT_BYTES = 400 * 1024;
const COLD_PING_OVERHEAD_LIMIT_MS = 150;

/** Loads a bundle in a fresh process, answers one PING when asked, prints its own timings and exits. */
const COLD_START_RUNNER = `
const t0 = process.hrtime.bigint();
const since = () => Number(process.hrtime.bigint() - t0) / 1e6;
const mod = require(process.argv[2]);
const loadedMs = since();
const print = (o) => { process.stdout.write(JSON.stringify(o)); process.exit(0); };
if (process.argv[3] !== 'ping') print({ loadedMs });
else mod.handler(JSON.parse(process.env.BENCH_EVENT)).then(
  (r) => print({ loadedMs, answeredMs: since(), statusCode: r.statusCode, body: r.body }),
  (e) => print({ loadedMs, error: String(e) }),
);
`;

interface ColdRun {
  wallMs: number;
  loadedMs?: number;
  answeredMs?: number;
  statusCode?: number;
  body?: string;
  error?: string;
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<ColdRun> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.slice(-500)}`));
      resolvePromise({ wallMs, ...(out ? (JSON.parse(out) as Omit<ColdRun, 'wallMs'>) : {}) });
    });
  });
}

/** The production bundles, built with the CDK construct's esbuild options (lib/constructs/lambda-bundle.ts). */
async function bundle(id: FunctionId, directory: string): Promise<{ file: string; bytes: number; topInputs: Array<[string, number]> }> {
  const file = join(directory, id, 'index.js');
  const result = await build({
    entryPoints: [resolve('lambda', id, 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    ...LAMBDA_BUNDLE,
    // What the function's layer provides stays out, as in the construct (resolved from node_modules here, /opt/nodejs on Lambda).
    external: [...LAMBDA_BUNDLE.external, ...(LAYER_MODULES[id] ?? [])],
    outfile: file,
    metafile: true,
    logLevel: 'warning',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = input.startsWith('node_modules/') ? (/^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input) : 'lambda/ (own code)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return { file, bytes: (await stat(file)).size, topInputs: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4) };
}

/**
 * Each production bundle's size, and the cold time of a fresh `node` process that loads it
 * (and, for interactions, verifies and answers a first PING, its public key read from a
 * loopback SSM through the real SDK) next to a fresh `node` process that loads nothing.
 */
export const bundlesSuite: BenchSuite = {
  id: 'bundles',
  title: 'Production bundles: size, and cold load (+ first PING) in a fresh node process vs an empty one',
  async run(context) {
    const directory = join(context.resultsDirectory, 'bundles');
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { recursive: true });
    const runner = join(directory, 'cold-start.js');
    await writeFile(runner, COLD_START_RUNNER);
    const keys = generateDevKeyPair();
    const ssm = await startFakeSsm({ [secretParameterName('dev', 'discord-public-key')]: keys.publicKeyHex });
    const closedPort = 'http://127.0.0.1:9';
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL_SSM: ssm.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: closedPort,
      AWS_ENDPOINT_URL_LAMBDA: closedPort,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      VALINE_STAGE: 'dev',
      VALINE_VERSION: 'bench',
      CONVERSATIONS_TABLE: 'valine-conversations-dev',
      LEDGER_TABLE: 'valine-ledger-dev',
      WORKER_FUNCTION_NAME: 'valine-worker-dev',
      SCREENSHOT_FUNCTION_NAME: 'valine-screenshot-dev',
      TASK_TTL_SECONDS: '900',
      DASHBOARD_NAME: 'valine-dev',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
    const rows: string[][] = [];
    const results: Record<string, unknown> = {};
    const checks: Check[] = [];
    try {
      const built = new Map<FunctionId, Awaited<ReturnType<typeof bundle>>>();
      for (const id of FUNCTION_IDS) built.set(id, await bundle(id, directory));
      // Round-robin, so background load on the machine hits every process kind alike.
      const empty: number[] = [];
      const runs = new Map<FunctionId, ColdRun[]>(FUNCTION_IDS.map((id) => [id, []]));
      for (let i = 0; i < COLD_RUNS; i += 1) {
        empty.push((await timeProcess(['-e', ''], env)).wallMs);
        for (const id of FUNCTION_IDS) {
          const body = JSON.stringify(pingInteraction());
          const event = { headers: signInteraction(body, keys.privateKey), body, isBase64Encoded: false };
          const file = built.get(id)?.file ?? '';
          runs.get(id)?.push(await timeProcess([runner, file, id === 'interactions' ? 'ping' : 'load'], { ...env, BENCH_EVENT: JSON.stringify(event) }));
        }
      }
      const emptyMs = median(empty);
      rows.push(['empty node process', '—', '—', ms(emptyMs), '—', '—']);
      results['empty-node'] = { wallMsMedian: emptyMs, runs: empty };
      for (const id of FUNCTION_IDS) {
        const info = built.get(id);
        const cold = runs.get(id) ?? [];
        if (!info) continue;
        const ping = id === 'interactions';
        const wall = median(cold.map((r) => r.wallMs));
        const answered = cold.every((r) => r.statusCode === 200 && r.body === '{"type":1}');
        rows.push([
          `${id}${ping ? ' (load + first PING)' : ' (load)'}`,
          `${(info.bytes / 1024).toFixed(0)} KB`,
          ms(median(cold.map((r) => r.loadedMs ?? Number.NaN))),
          ms(wall),
          `+${ms(wall - emptyMs)}`,
          ping ? (answered ? 'PONG' : `failed: ${cold.find((r) => r.error || r.body !== '{"type":1}')?.error ?? cold[0]?.body}`) : '—',
        ]);
        results[id] = {
          bytes: info.bytes,
          largestInputs: Object.fromEntries(info.topInputs),
          wallMsMedian: wall,
          overEmptyNodeMs: wall - emptyMs,
          loadedMsMedian: median(cold.map((r) => r.loadedMs ?? Number.NaN)),
          ...(ping ? { answeredMsMedian: median(cold.map((r) => r.answeredMs ?? Number.NaN)), everyPingAnswered: answered } : {}),
        };
        if (ping) {
          checks.push({ name: 'interactions bundle size', target: '< 400 KB', measured: `${(info.bytes / 1024).toFixed(0)} KB`, pass: info.bytes < INTERACTIONS_BUNDLE_LIMIT_BYTES });
          checks.push({
            name: 'interactions cold load + first PING over an empty node',
            target: `< ${COLD_PING_OVERHEAD_LIMIT_MS} ms`,
            measured: `${ms(wall - emptyMs)} ms`,
            pass: answered && wall - emptyMs < COLD_PING_OVERHEAD_LIMIT_MS,
          });
        }
      }
    } finally {
      await ssm.close();
    }
    return {
      lines: [
        ...table(['bundle', 'size', 'require ms', 'process wall ms', 'over empty', 'answer'], rows),
        `(median of ${COLD_RUNS} fresh processes each; bundles in ${directory}; @aws-sdk/* external as on Lambda, and the screenshot function's playwright-core, which its layer holds)`,
      ],
      results,
      checks,
    };
  },
};
