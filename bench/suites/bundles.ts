import { spawn } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_IDS, type FunctionId } from '../../lambda/core/contract/environment';
import { defaultFlagStrings, type FlagName } from '../../lambda/core/contract/flags';
import { flagParameterName, secretParameterName } from '../../lambda/core/contract/parameters';
import { generateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { commandInteraction, pingInteraction } from '../../lambda/local/interaction-builder';
import { startFakeSsm } from '../lib/fake-ssm';
import { median, ms, table } from '../lib/stats';
import type { BenchSuite, Check } from '../suite';
import { LAMBDA_BUNDLE, LAYER_MODULES, runtimeNodeOptions } from '../../lib/constructs/lambda-bundle';

const COLD_RUNS = 9;
const INTERACTIONS_BUNDLE_LIMIT_BYTES = 400 * 1024;
const COLD_PING_OVERHEAD_LIMIT_MS = 30;
const FLOOR_FACTOR_LIMIT = 4;
const WORKER_LOAD_LIMIT_MS = 150;

/**
 * Loads a bundle in a fresh process, answers one interaction when given one, prints its own
 * timings and how many AWS SDK modules it loaded, and exits.
 */
const COLD_START_RUNNER = `
const t0 = process.hrtime.bigint();
const since = () => Number(process.hrtime.bigint() - t0) / 1e6;
const mod = require(process.argv[2]);
const loadedMs = since();
const awsSdkModules = () => Object.keys(require.cache).filter((k) => k.includes('/@aws-sdk/')).length;
const print = (o) => { process.stdout.write(JSON.stringify({ ...o, awsSdkModules: awsSdkModules() })); process.exit(0); };
if (!process.env.BENCH_EVENT) print({ loadedMs });
else Promise.resolve(mod.handler(JSON.parse(process.env.BENCH_EVENT))).then(
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
  awsSdkModules?: number;
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

type BundleId = FunctionId | 'verify-key-floor' | 'slash-create';

/** The production bundles (and the two comparison handlers), built with the CDK construct's esbuild options (lib/constructs/lambda-bundle.ts). */
async function bundle(id: BundleId, directory: string): Promise<{ file: string; bytes: number; topInputs: Array<[string, number]> }> {
  const file = join(directory, id, 'index.js');
  const isFunction = (FUNCTION_IDS as readonly string[]).includes(id);
  const result = await build({
    entryPoints: [isFunction ? resolve('lambda', id, 'index.ts') : resolve('bench/handlers', `${id}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    ...LAMBDA_BUNDLE,
    // What the function's layer provides stays out, as in the construct (resolved from node_modules here, /opt/nodejs on Lambda).
    external: [...LAMBDA_BUNDLE.external, ...((isFunction && LAYER_MODULES[id as FunctionId]) || [])],
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

interface Scenario {
  id: string;
  label: string;
  bundle: BundleId;
  /** The interaction answered after loading, if any, and the answer expected. */
  interaction?: { payload: unknown; expect: (body: string) => boolean };
  env?: NodeJS.ProcessEnv;
}

/**
 * Each production bundle's size, and the cold time of a fresh `node` process that loads it and
 * (interactions) answers a first PING or /agents, next to a fresh `node` process that loads
 * nothing, a bare discord-interactions verifyKey handler (the floor) and slash-create's Lambda
 * server. The public key comes from DISCORD_PUBLIC_KEY (stage config) or, in the fallback row,
 * from a loopback SSM through the real SDK; flags always from the loopback SSM.
 */
export const bundlesSuite: BenchSuite = {
  id: 'bundles',
  title: 'Production bundles: size, and cold load (+ first answer) in a fresh node process vs an empty one, the verifyKey floor and slash-create',
  async run(context) {
    const directory = join(context.resultsDirectory, 'bundles');
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { recursive: true });
    const runner = join(directory, 'cold-start.js');
    await writeFile(runner, COLD_START_RUNNER);
    const keys = generateDevKeyPair();
    const flags = Object.fromEntries(Object.entries(defaultFlagStrings('dev')).map(([name, value]) => [flagParameterName('dev', name as FlagName), value]));
    const ssm = await startFakeSsm({ [secretParameterName('dev', 'discord-public-key')]: keys.publicKeyHex, ...flags });
    const closedPort = 'http://127.0.0.1:9';
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
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
      WORKER_TIMEOUT_SECONDS: '120',
      DASHBOARD_NAME: 'valine-dev',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
    const withKey = { DISCORD_PUBLIC_KEY: keys.publicKeyHex };
    const pong = (body: string) => body === '{"type":1}';
    const ping = { payload: pingInteraction(), expect: pong };
    const scenarios: Scenario[] = [
      { id: 'floor', label: 'floor: discord-interactions verifyKey handler (load + first PING)', bundle: 'verify-key-floor', interaction: ping, env: withKey },
      { id: 'slash-create', label: "slash-create's AWSLambdaServer (load + first PING)", bundle: 'slash-create', interaction: ping, env: withKey },
      { id: 'interactions', label: 'interactions (load + first PING, key from DISCORD_PUBLIC_KEY)', bundle: 'interactions', interaction: ping, env: withKey },
      { id: 'interactions-ssm-key', label: 'interactions (load + first PING, key from the SSM fallback)', bundle: 'interactions', interaction: ping },
      {
        id: 'interactions-agents',
        label: 'interactions (load + first /agents, flags from SSM)',
        bundle: 'interactions',
        interaction: { payload: commandInteraction('agents'), expect: (body) => (JSON.parse(body) as { type?: number }).type === 4 && body.includes('UX Agent') },
        env: withKey,
      },
      { id: 'worker', label: 'worker (load)', bundle: 'worker' },
      { id: 'github-webhook', label: 'github-webhook (load)', bundle: 'github-webhook' },
      { id: 'alert-notifier', label: 'alert-notifier (load)', bundle: 'alert-notifier' },
      // Its init: the bundle, and playwright-core from the layer (node_modules here); Chromium itself starts on the first job.
      { id: 'screenshot', label: 'screenshot (load, before Chromium starts)', bundle: 'screenshot' },
    ];
    const rows: string[][] = [];
    const results: Record<string, unknown> = {};
    const checks: Check[] = [];
    try {
      const built = new Map<BundleId, Awaited<ReturnType<typeof bundle>>>();
      for (const id of [...FUNCTION_IDS, 'verify-key-floor', 'slash-create'] as const) built.set(id, await bundle(id, directory));
      // Round-robin, so background load on the machine hits every process kind alike.
      const empty: number[] = [];
      const runs = new Map<string, ColdRun[]>(scenarios.map((s) => [s.id, []]));
      for (let i = 0; i < COLD_RUNS; i += 1) {
        empty.push((await timeProcess(['-e', ''], env)).wallMs);
        for (const scenario of scenarios) {
          const file = built.get(scenario.bundle)?.file ?? '';
          // NODE_OPTIONS as the construct sets it for that function (lib/constructs/lambda-bundle.ts).
          const nodeOptions = (FUNCTION_IDS as readonly string[]).includes(scenario.bundle) ? runtimeNodeOptions(scenario.bundle as FunctionId) : undefined;
          const runEnv: NodeJS.ProcessEnv = { ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}), ...scenario.env };
          if (scenario.interaction) {
            const body = JSON.stringify(scenario.interaction.payload);
            runEnv.BENCH_EVENT = JSON.stringify({ headers: signInteraction(body, keys.privateKey), body, isBase64Encoded: false });
          }
          runs.get(scenario.id)?.push(await timeProcess([runner, file], runEnv));
        }
      }
      const emptyMs = median(empty);
      rows.push(['empty node process', '—', '—', ms(emptyMs), '—', '—', '—']);
      results['empty-node'] = { wallMsMedian: emptyMs, runs: empty };
      const over = new Map<string, number>();
      for (const scenario of scenarios) {
        const info = built.get(scenario.bundle);
        const cold = runs.get(scenario.id) ?? [];
        if (!info) continue;
        const wall = median(cold.map((r) => r.wallMs));
        over.set(scenario.id, wall - emptyMs);
        const answered = scenario.interaction ? cold.every((r) => r.statusCode === 200 && scenario.interaction?.expect(r.body ?? '')) : undefined;
        const sdkModules = Math.max(...cold.map((r) => r.awsSdkModules ?? 0));
        rows.push([
          scenario.label,
          `${(info.bytes / 1024).toFixed(0)} KB`,
          ms(median(cold.map((r) => r.loadedMs ?? Number.NaN))),
          ms(wall),
          `+${ms(wall - emptyMs)}`,
          String(sdkModules),
          answered === undefined ? '—' : answered ? 'answered' : `failed: ${cold.find((r) => r.error || !scenario.interaction?.expect(r.body ?? ''))?.error ?? cold[0]?.body}`,
        ]);
        results[scenario.id] = {
          bytes: info.bytes,
          largestInputs: Object.fromEntries(info.topInputs),
          wallMsMedian: wall,
          overEmptyNodeMs: wall - emptyMs,
          loadedMsMedian: median(cold.map((r) => r.loadedMs ?? Number.NaN)),
          awsSdkModulesLoaded: sdkModules,
          ...(scenario.interaction ? { answeredMsMedian: median(cold.map((r) => r.answeredMs ?? Number.NaN)), everyAnswerRight: answered } : {}),
        };
      }
      const interactions = built.get('interactions');
      const pingOver = over.get('interactions') ?? Number.NaN;
      const floorOver = over.get('floor') ?? Number.NaN;
      const slashOver = over.get('slash-create') ?? Number.NaN;
      const pingRuns = runs.get('interactions') ?? [];
      const pingAnswered = pingRuns.every((r) => r.statusCode === 200 && pong(r.body ?? ''));
      checks.push({ name: 'interactions bundle size', target: '< 400 KB', measured: `${((interactions?.bytes ?? 0) / 1024).toFixed(0)} KB`, pass: (interactions?.bytes ?? Infinity) < INTERACTIONS_BUNDLE_LIMIT_BYTES });
      checks.push({
        name: 'interactions cold load + first PING over an empty node',
        target: `≤ ${COLD_PING_OVERHEAD_LIMIT_MS} ms`,
        measured: `${ms(pingOver)} ms`,
        pass: pingAnswered && pingOver <= COLD_PING_OVERHEAD_LIMIT_MS,
      });
      checks.push({ name: 'interactions cold PING ahead of slash-create', target: `< +${ms(slashOver)} ms`, measured: `+${ms(pingOver)} ms`, pass: pingAnswered && pingOver < slashOver });
      checks.push({
        name: 'interactions cold PING within 4x of the verifyKey floor (over empty node)',
        target: `≤ ${FLOOR_FACTOR_LIMIT}x (+${ms(floorOver * FLOOR_FACTOR_LIMIT)} ms)`,
        measured: `${(pingOver / floorOver).toFixed(1)}x`,
        pass: pingAnswered && pingOver <= floorOver * FLOOR_FACTOR_LIMIT,
      });
      checks.push({ name: 'AWS SDK modules loaded by a cold PING', target: '0', measured: String(Math.max(...pingRuns.map((r) => r.awsSdkModules ?? 0))), pass: pingRuns.every((r) => r.awsSdkModules === 0) });
      const workerLoad = median((runs.get('worker') ?? []).map((r) => r.loadedMs ?? Number.NaN));
      checks.push({ name: 'worker bundle load (require) before any work', target: `< ${WORKER_LOAD_LIMIT_MS} ms`, measured: `${ms(workerLoad)} ms (process +${ms(over.get('worker') ?? Number.NaN)} ms)`, pass: workerLoad < WORKER_LOAD_LIMIT_MS });
    } finally {
      await ssm.close();
    }
    return {
      lines: [
        ...table(['bundle', 'size', 'require ms', 'process wall ms', 'over empty', 'AWS SDK modules', 'answer'], rows),
        `(median of ${COLD_RUNS} fresh processes each; bundles in ${directory}; @aws-sdk/* external as on Lambda, and the screenshot function's playwright-core, which its layer holds)`,
      ],
      results,
      checks,
    };
  },
};
