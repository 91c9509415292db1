import { join, relative, resolve } from 'node:path';
import { REFINE_TEXT_ID } from '../../lambda/core/discord/modals/refine-box';
import type { Logger } from '../../lambda/core/ports/logger';
import { parseTaskButtonId, taskButtonId } from '../../lambda/core/tasks/buttons';
import { loadOrCreateDevKeyPair, signInteraction } from '../../lambda/local/dev-keys';
import { commandInteraction, modalSubmitInteraction } from '../../lambda/local/interaction-builder';
import { startLocalServer } from '../../lambda/local/server';
import { localSettings } from '../../lambda/local/settings';
import { startStandInDiscordApi } from '../../lambda/local/stand-in/discord-api';
import { ms, percentile } from './stats';
import { PREVIEW_TARGETS } from './targets';
import type { Check } from '../suite';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
/** The first refinements warm the worker's caches and the JIT; not counted. */
const WARM_UP = 3;
/** Colour refinements that stay valid however often they follow one another. */
const ROTATION = ['darker', 'lighter', 'use #1e3a8a instead', 'use #b91c1c instead'];

/**
 * The whole platform path of a refinement in local mode: the signed Refine box submitted to the local
 * server, its answer (type 6), the worker's refine move (the UX Agent on the local git host, the site
 * already discovered), until the amended preview reaches the stand-in's Discord API.
 */
export async function measureLocalRefine(root: string, site: string, runs: number): Promise<number[]> {
  const discord = await startStandInDiscordApi(0);
  const settings = localSettings({ VALINE_HOME: join(root, 'refine-home'), PORT: '0', DISCORD_API_BASE: discord.baseUrl, VALINE_SITE_SEED: resolve(site) }, process.cwd());
  const server = await startLocalServer({ settings, env: {}, logger: quiet });
  const { privateKey } = await loadOrCreateDevKeyPair(settings.devKeyFile);
  const post = async (interaction: object) => {
    const body = JSON.stringify(interaction);
    const response = await fetch(`${server.url}/discord`, { method: 'POST', headers: { 'content-type': 'application/json', ...signInteraction(body, privateKey) }, body });
    if (response.status !== 200) throw new Error(`the local server answered ${response.status}`);
    return (await response.json()) as { type: number };
  };
  const samples: number[] = [];
  try {
    const request = commandInteraction('ux-update', { description: 'make the navbar blue' });
    const arrives = discord.previewFor(request.token, 15_000);
    await post(request);
    const preview = await arrives;
    const confirm = (preview?.message.components ?? []).flatMap((row) => row.components).find((c) => parseTaskButtonId(c.custom_id ?? '')?.action === 'confirm');
    const taskId = parseTaskButtonId(confirm?.custom_id ?? '')?.taskId;
    if (!taskId) throw new Error(`no preview to refine arrived: ${JSON.stringify(preview?.message)}`);
    for (let i = 0; i < runs + WARM_UP; i++) {
      const submit = modalSubmitInteraction(taskButtonId('refine', taskId), { [REFINE_TEXT_ID]: ROTATION[i % ROTATION.length] ?? 'darker' }, '1');
      const started = performance.now();
      // In the task's thread the amended preview is a new message there (the box's own message only loses its buttons).
      const amended = discord.previewFor(submit.token, 15_000);
      const answer = await post(submit);
      if (answer.type !== 6) throw new Error(`the Refine box was answered type ${answer.type}, not 6`);
      const message = await amended;
      if (!message?.message.components?.length) throw new Error(`no amended preview arrived: ${JSON.stringify(message?.message)}`);
      if (i >= WARM_UP) samples.push(performance.now() - started);
    }
  } finally {
    await server.close();
    await discord.close();
  }
  return samples;
}

/** The row and the check of the figure: Refine → amended preview p50 < 300 ms warm in local mode. */
export function reportLocalRefine(site: string, samples: readonly number[]): { row: string[]; check: Check } {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const name = relative(process.cwd(), resolve(site)) || '.';
  return {
    row: [`${name}: Refine box → amended preview (local server, warm)`, String(sorted.length), ms(p50), ms(percentile(sorted, 95))],
    check: { name: `${name}: Refine → amended preview p50 (local server, warm)`, target: `< ${PREVIEW_TARGETS.localRefineWarmP50Ms} ms`, measured: `${ms(p50)} ms`, pass: p50 < PREVIEW_TARGETS.localRefineWarmP50Ms },
  };
}
