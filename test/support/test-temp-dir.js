/**
 * jest globalSetup/globalTeardown: the test run's temporary files (site repositories, git indexes, worktrees,
 * Chromium profiles, CDK outdirs) go to one folder on a memory file system (/dev/shm), removed when the run ends.
 * The suite creates and deletes tens of thousands of small files; on the disk's ext4 each file creation searched
 * past the recently deleted inodes (about a fifth of the CPU of the git-heavy tests). Without /dev/shm, or with
 * KEEP_SHOTS set (site-preview's screenshots are kept to look at), or with less than 2 GB free there, the system's temporary
 * folder is used as before.
 */
const { accessSync, constants, mkdtempSync, readdirSync, rmSync, statSync, statfsSync } = require('node:fs');
const { join } = require('node:path');

const MEMORY_FS = '/dev/shm';
const PREFIX = 'valine-jest-';

/** A run writes a few hundred MB at its peak; a small /dev/shm (64 MB in a default container) would fill up: the disk then. */
const MIN_FREE_BYTES = 2 * 1024 ** 3;

const usable = (folder) => {
  try {
    accessSync(folder, constants.W_OK);
    if (!statSync(folder).isDirectory()) return false;
    const { bavail, bsize } = statfsSync(folder);
    return bavail * bsize >= MIN_FREE_BYTES;
  } catch {
    return false;
  }
};

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Folders of earlier runs that were killed before their teardown: they hold memory until removed. */
function removeAbandoned() {
  for (const name of readdirSync(MEMORY_FS)) {
    const pid = Number(/^valine-jest-(\d+)-/.exec(name)?.[1]);
    if (pid && !alive(pid)) rmSync(join(MEMORY_FS, name), { recursive: true, force: true });
  }
}

async function setup() {
  if (process.env.KEEP_SHOTS || !usable(MEMORY_FS)) return;
  removeAbandoned();
  const folder = mkdtempSync(join(MEMORY_FS, `${PREFIX}${process.pid}-`));
  // The workers start after this, with this environment: os.tmpdir() is the folder in each of them.
  process.env.VALINE_TEST_TMPDIR = folder;
  process.env.TMPDIR = folder;
}

async function teardown() {
  const folder = process.env.VALINE_TEST_TMPDIR;
  if (folder) rmSync(folder, { recursive: true, force: true });
}

module.exports = { setup, teardown };
