#!/usr/bin/env node
// `npm test`: the type-check (`tsc --noEmit`) and the tests (`jest`, with any arguments given after
// `npm test --`) run side by side rather than one after the other: most test files wait on loopback
// servers, git, dynalite or Chromium, and tsc fills those waits. The type-check's output is printed
// after jest's, under its own heading; the command fails when either fails.
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const bin = (name) => join(__dirname, '..', 'node_modules', '.bin', name);
const started = Date.now();

const typecheck = new Promise((resolve) => {
  const child = spawn(bin('tsc'), ['--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  child.on('error', (error) => resolve({ code: 1, output: `tsc could not start: ${error.message}\n`, seconds: 0 }));
});

const tests = new Promise((resolve) => {
  const child = spawn(bin('jest'), process.argv.slice(2), { stdio: 'inherit' });
  child.on('close', (code) => resolve(code ?? 1));
  child.on('error', (error) => {
    process.stderr.write(`jest could not start: ${error.message}\n`);
    resolve(1);
  });
});

Promise.all([typecheck, tests]).then(([checked, jestCode]) => {
  process.stdout.write(`\nType-check (tsc --noEmit): ${checked.code === 0 ? 'no errors' : 'FAILED'} (${checked.seconds.toFixed(1)} s)\n`);
  if (checked.output.trim()) process.stdout.write(checked.output);
  process.exit(checked.code !== 0 ? checked.code : jestCode);
});
