import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileFlagReader } from '../../../lambda/core/adapters/file-flags';
import { CachedFlagReader } from '../../../lambda/core/adapters/cached-flags';
import { recordingLogger } from '../../support/recording-logger';

test('file flags are parsed, and malformed or missing ones fall back to the stage default with one warning', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flags-'));
  const file = join(dir, 'flags.json');
  writeFileSync(file, JSON.stringify({ 'use-llm-parsing': 'yes please', 'admin-user-ids': '123456789012345678, 223456789012345678', 'max-daily-llm-cost-usd': '2.5' }));
  const logger = recordingLogger();
  const flags = createFileFlagReader(file, 'prod', logger, 0);
  const values = await flags.all();
  expect(values['use-llm-parsing']).toBe(false);
  expect(values['admin-user-ids']).toEqual(['123456789012345678', '223456789012345678']);
  expect(values['max-daily-llm-cost-usd']).toBe(2.5);
  expect(values['enable-debug-cmd']).toBe(false);
  await flags.all();
  const malformed = logger.lines.filter((l) => l.message.includes('use-llm-parsing has a malformed value'));
  expect(malformed).toHaveLength(1);
});

test('flags are re-read after the cache period, not before', async () => {
  let raw: Record<string, string> = { 'disable-ux-updates': 'false' };
  let clock = 0;
  const flags = new CachedFlagReader('dev', async () => raw, recordingLogger(), 30_000, () => clock);
  expect(await flags.get('disable-ux-updates')).toBe(false);
  raw = { 'disable-ux-updates': 'true' };
  clock = 29_000;
  expect(await flags.get('disable-ux-updates')).toBe(false);
  clock = 30_001;
  expect(await flags.get('disable-ux-updates')).toBe(true);
});

test('a failed refresh keeps the last good values', async () => {
  let fail = false;
  let clock = 0;
  const logger = recordingLogger();
  const flags = new CachedFlagReader('dev', async () => {
    if (fail) throw new Error('throttled');
    return { 'disable-ux-updates': 'true' };
  }, logger, 1000, () => clock);
  expect(await flags.get('disable-ux-updates')).toBe(true);
  fail = true;
  clock = 5000;
  expect(await flags.get('disable-ux-updates')).toBe(true);
  expect(logger.lines.some((l) => l.level === 'warn' && l.message.startsWith('Could not read feature flags'))).toBe(true);
});

test('"none" is a value, not a malformed flag: no warning, and the flag reads as empty', async () => {
  const logger = recordingLogger();
  const raw = { 'alert-channel-id': 'none', 'admin-role-ids': 'none', 'llm-model': 'default' };
  const flags = new CachedFlagReader('dev', async () => raw, logger, 1000, () => 0);
  const values = await flags.all();
  expect(values['alert-channel-id']).toBeUndefined();
  expect(values['admin-role-ids']).toEqual([]);
  expect(logger.lines.filter((l) => l.message.includes('malformed'))).toEqual([]);
});

test('while the flag source fails, it is asked again only once per period, not on every request', async () => {
  let calls = 0;
  let fail = true;
  let clock = 0;
  const flags = new CachedFlagReader('dev', async () => {
    calls += 1;
    if (fail) throw new Error('SSM unavailable');
    return { 'disable-ux-updates': 'true' };
  }, recordingLogger(), 30_000, () => clock);
  for (let i = 0; i < 20; i += 1) expect(await flags.get('disable-ux-updates')).toBe(false);
  expect(calls).toBe(1);
  clock = 5_001;
  fail = false;
  expect(await flags.get('disable-ux-updates')).toBe(true);
  expect(calls).toBe(2);
  fail = true;
  clock = 40_000;
  for (let i = 0; i < 20; i += 1) expect(await flags.get('disable-ux-updates')).toBe(true);
  expect(calls).toBe(3);
});
