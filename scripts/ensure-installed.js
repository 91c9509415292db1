#!/usr/bin/env node
// Runs before `npm start` and `npm test` (prestart/pretest): on a fresh clone, install the locked
// dependencies first, so the Quick start's two commands work without a separate `npm ci`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const needed = ['tsx', 'jest', 'tsc'].map((bin) => join(root, 'node_modules', '.bin', bin));
if (needed.every((file) => existsSync(file))) process.exit(0);

console.log('Dependencies are not installed yet: running `npm ci` once (about a minute)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('`npm ci` failed (see above); fix that, then run the command again.');
  process.exit(result.status ?? 1);
}
