#!/usr/bin/env node
// Runs before `npm start` and `npm test` (prestart/pretest): on a fresh clone, install the locked
// dependencies first, so the Quick start's two commands work without a separate `npm ci`.
//
// Both commands started at once would run two `npm ci` in one folder, and both fail. So the install
// holds a lock: the directory .valine/install.lock (mkdir is atomic), with the holder's pid inside.
// The other command waits for it, then finds the dependencies installed. A lock whose pid is no
// longer running (a killed install) is taken over; a failed install releases it.
//
// VALINE_INSTALL_COMMAND replaces `npm ci --no-audit --no-fund` with another shell command. It exists
// for the tests of this script (test/scripts/ensure-installed.test.ts), not for everyday use.
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const lockDirectory = join(root, '.valine', 'install.lock');
const pidFile = join(lockDirectory, 'pid');
const POLL_MS = 500;
// mkdir and the pid write are two steps: a lock without a pid younger than this is still being taken.
const PID_GRACE_MS = 10_000;

const installed = () => ['tsx', 'jest', 'tsc'].every((bin) => existsSync(join(root, 'node_modules', '.bin', bin)));
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // alive, but another user's
  }
}

/** The pid holding the lock, 'stale' when that process is gone, or undefined when there is no lock any more. */
function lockHolder() {
  let text;
  try {
    text = readFileSync(pidFile, 'utf8').trim();
  } catch {
    if (!existsSync(lockDirectory)) return undefined;
    try {
      return Date.now() - statSync(lockDirectory).mtimeMs > PID_GRACE_MS ? 'stale' : 0;
    } catch {
      return undefined; // released meanwhile
    }
  }
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : 'stale';
}

function tryLock() {
  mkdirSync(join(root, '.valine'), { recursive: true });
  try {
    mkdirSync(lockDirectory);
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return true;
}

function releaseLock() {
  rmSync(lockDirectory, { recursive: true, force: true });
}

/**
 * Moves a dead holder's lock aside (rename is atomic: of two waiters, one wins) and deletes it. Should the lock
 * moved be a live one (a third command locked in between), it is put back.
 */
function takeOverStaleLock() {
  const aside = `${lockDirectory}.stale-${process.pid}`;
  try {
    renameSync(lockDirectory, aside);
  } catch {
    return; // another waiter took it over first
  }
  let movedPid = 0;
  try {
    movedPid = Number(readFileSync(join(aside, 'pid'), 'utf8').trim());
  } catch {
    // no pid: the dead holder never wrote one
  }
  if (movedPid > 0 && isRunning(movedPid)) {
    try {
      renameSync(aside, lockDirectory);
      return;
    } catch {
      // a new lock exists already; the moved one's holder finds its lock gone and its install still completes
    }
  }
  rmSync(aside, { recursive: true, force: true });
}

function install() {
  console.log('Dependencies are not installed yet: running `npm ci` once (about a minute)…');
  const override = process.env.VALINE_INSTALL_COMMAND;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = override
    ? spawnSync(override, { cwd: root, stdio: 'inherit', shell: true })
    : spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

let announcedWait = false;
for (;;) {
  // While another command installs, node_modules is half-written: its lock decides, not the files.
  const holder = existsSync(lockDirectory) ? lockHolder() : undefined;
  if (holder === 'stale') {
    takeOverStaleLock();
    continue;
  }
  if (holder !== undefined) {
    if (!announcedWait) {
      console.log(`Another command (pid ${holder || '…'}) is installing the dependencies in this folder: waiting for it to finish…`);
      announcedWait = true;
    }
    sleep(POLL_MS);
    continue;
  }
  if (installed()) process.exit(0);
  if (tryLock()) {
    let status;
    try {
      // The holder before us may have finished between our check and our lock.
      status = installed() ? 0 : install();
    } finally {
      releaseLock();
    }
    if (status !== 0) {
      console.error('`npm ci` failed (see above); fix that, then run the command again.');
      process.exit(status);
    }
    process.exit(0);
  }
}
