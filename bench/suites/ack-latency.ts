import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadOrCreateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { autocompleteInteraction, commandInteraction, componentInteraction, modalSubmitInteraction, pingInteraction } from '../../lambda/local/interaction-builder';
import { taskButtonId } from '../../lambda/core/tasks/buttons';
import { REFINE_TEXT_ID } from '../../lambda/core/discord/modals/refine-box';
import { startChildServer, type ChildServer } from '../lib/child';
import { runLoad, type LoadResult, type PreparedRequest } from '../lib/load';
import { ms, table } from '../lib/stats';
import type { BenchSuite, Check } from '../suite';

const CONCURRENCY = [1, 16, 64] as const;
const REQUESTS: Record<number, number> = { 1: 400, 16: 2400, 64: 3200 };
const WARMUP_REQUESTS = 300;

interface Target {
  id: 'floor' | 'agents' | 'ux-update' | 'refine-open' | 'refine-submit' | 'autocomplete';
  label: string;
  server: ChildServer;
  payload: () => object;
}

/** Signed, distinct interactions (a replayed /ux-update would be answered as a duplicate). */
function prepare(target: Target, count: number, privateKey: Parameters<typeof signInteraction>[1]): PreparedRequest[] {
  return Array.from({ length: count }, () => {
    const body = JSON.stringify(target.payload());
    return { body, headers: signInteraction(body, privateKey) };
  });
}

/**
 * p50 / p99 acknowledgement latency and throughput of /agents and a deferred /ux-update
 * against local mode (own process), next to the floor (own process) at 1, 16 and 64
 * concurrent connections over loopback.
 */
export const ackLatencySuite: BenchSuite = {
  id: 'ack',
  title: 'Acknowledgement latency over loopback (local mode vs the bare node:http verify + PONG floor)',
  async run(context) {
    const home = join(context.resultsDirectory, 'local-home');
    await rm(home, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    const keys = await loadOrCreateDevKeyPair(join(home, 'dev-keys.json'));
    const local = await startChildServer('bench/servers/local.ts', {
      VALINE_HOME: home,
      PORT: '0',
      DISCORD_PUBLIC_KEY: '',
      VALINE_PERSIST: '',
      VALINE_FLAGS_FILE: '',
      DISCORD_API_BASE: 'http://127.0.0.1:9/api/v10',
    });
    const floor = await startChildServer('bench/servers/floor.ts', { DISCORD_PUBLIC_KEY: keys.publicKeyHex });
    const refineTask = String(local.info.taskId);
    const targets: Target[] = [
      { id: 'floor', label: 'floor (node:http verify + PONG)', server: floor, payload: pingInteraction },
      { id: 'agents', label: '/agents (answered, type 4)', server: local, payload: () => commandInteraction('agents') },
      // Issue 17: the Refine button opens its box; the box submitted is handed to the worker; autocomplete reads the kept outline.
      // The rows that only read run before those that write a claim per request (/ux-update, the box submitted): the
      // embedded DynamoDB (dynalite) compacts thousands of writes for a while after, which a row run next pays for.
      { id: 'refine-open', label: 'Refine button (modal, type 9)', server: local, payload: () => componentInteraction(taskButtonId('refine', refineTask), '1') },
      { id: 'autocomplete', label: '/ux-update section: autocomplete (type 8)', server: local, payload: () => autocompleteInteraction('ux-update', { section: 'fo' }, 'section') },
      { id: 'ux-update', label: '/ux-update (deferred, type 5)', server: local, payload: () => commandInteraction('ux-update', { command: 'section:header text:"Hi"' }) },
      { id: 'refine-submit', label: 'Refine box submitted (deferred update, type 6)', server: local, payload: () => modalSubmitInteraction(taskButtonId('refine', refineTask), { [REFINE_TEXT_ID]: 'darker' }, '1') },
    ];
    const results: Array<LoadResult & { target: Target['id']; label: string }> = [];
    try {
      for (const target of targets) await runLoad(target.server.url, prepare(target, WARMUP_REQUESTS, keys.privateKey), 16);
      for (const concurrency of CONCURRENCY) {
        for (const target of targets) {
          context.log(`  ${target.label} at concurrency ${concurrency}…`);
          // Each row after a warm-up of its own: the row run just before may leave the server collecting its garbage.
          await runLoad(target.server.url, prepare(target, WARMUP_REQUESTS, keys.privateKey), concurrency);
          const result = await runLoad(target.server.url, prepare(target, REQUESTS[concurrency] ?? 1000, keys.privateKey), concurrency);
          results.push({ ...result, target: target.id, label: target.label });
        }
      }
    } finally {
      await Promise.all([local.stop(), floor.stop()]);
      // The local server's home holds a copy of the sample site (its .tsx files), which is no result to keep.
      await rm(home, { recursive: true, force: true });
    }

    const floorAt = (c: number) => results.find((r) => r.target === 'floor' && r.concurrency === c);
    const rows = results.map((r) => {
      const base = floorAt(r.concurrency);
      return [
        r.label,
        String(r.concurrency),
        String(r.requests),
        ms(r.p50Ms),
        ms(r.p99Ms),
        r.throughputPerSecond.toFixed(0),
        r.target === 'floor' || !base ? '—' : `${(r.p99Ms / base.p99Ms).toFixed(2)}x`,
        Object.entries(r.answers).map(([answer, count]) => `${answer}: ${count}`).join(', '),
      ];
    });
    const checks: Check[] = [];
    const EXPECTED: Record<Exclude<Target['id'], 'floor'>, string> = { agents: 'type 4', 'ux-update': 'type 5', 'refine-open': 'type 9', 'refine-submit': 'type 6', autocomplete: 'type 8' };
    for (const id of ['agents', 'ux-update', 'refine-open', 'refine-submit', 'autocomplete'] as const) {
      const one = results.find((r) => r.target === id && r.concurrency === 1);
      const sixteen = results.find((r) => r.target === id && r.concurrency === 16);
      const base = floorAt(16);
      const expected = EXPECTED[id];
      for (const r of results.filter((x) => x.target === id)) {
        checks.push({ name: `${id} c=${r.concurrency}: every answer is ${expected}`, target: `${r.requests}`, measured: `${r.answers[expected] ?? 0}`, pass: r.answers[expected] === r.requests });
      }
      if (one) checks.push({ name: `${id} p99 at c=1`, target: '< 50 ms', measured: `${ms(one.p99Ms)} ms`, pass: one.p99Ms < 50 });
      if (sixteen && base) {
        checks.push({ name: `${id} p99 at c=16 vs floor p99`, target: '≤ 3x', measured: `${(sixteen.p99Ms / base.p99Ms).toFixed(2)}x`, pass: sixteen.p99Ms <= 3 * base.p99Ms });
      }
    }
    return {
      lines: table(['target', 'c', 'requests', 'p50 ms', 'p99 ms', 'req/s', 'p99/floor', 'answers'], rows),
      results: results.map(({ label: _label, ...r }) => r),
      checks,
    };
  },
};
