import type { RepoSnapshot } from '../ports/repo-host';

/**
 * What a repository snapshot keeps: the one rule both repository hosts apply, so the UX Agent
 * sees the same files from GitHub and from a local git repository.
 */
export interface SnapshotLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
  sniffBytes: number;
}

export const SNAPSHOT_LIMITS: Readonly<SnapshotLimits> = {
  /** A file larger than this is left out (source files are far smaller; bundles and data are not). */
  maxFileBytes: 512 * 1024,
  /** Adding stops once the kept files would pass this total… */
  maxTotalBytes: 20 * 1024 * 1024,
  /** …or this many files. */
  maxFiles: 8000,
  /** A NUL byte in this many leading bytes marks a file as binary, as git itself decides. */
  sniffBytes: 8 * 1024,
};

/** Dependency and VCS folders: never source, often huge. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

const BINARY_EXTENSIONS = new Set([
  // images (SVG is text and kept)
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico', 'bmp', 'tif', 'tiff', 'heic', 'psd',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // archives
  'zip', 'gz', 'tgz', 'tar', 'bz2', 'xz', '7z', 'rar', 'zst', 'jar',
  // documents, video, audio
  'pdf', 'mp4', 'webm', 'mov', 'avi', 'mkv', 'm4v', 'mp3', 'wav', 'ogg', 'flac', 'm4a', 'aac',
  // compiled
  'wasm', 'exe', 'dll', 'so', 'dylib', 'class', 'node',
]);

const LOCK_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock']);

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Why a path is left out whatever its content (a dependency folder, a binary extension, a lock
 * file), or undefined. A path inside a skipped folder reports the folder, so it is listed once.
 */
export function skipReasonForPath(path: string): { path: string; reason: string } | undefined {
  const parts = path.split('/');
  const folder = parts.slice(0, -1).findIndex((part) => SKIPPED_FOLDERS.has(part));
  if (folder >= 0) return { path: `${parts.slice(0, folder + 1).join('/')}/`, reason: `${parts[folder]} folder` };
  const name = parts.at(-1) ?? path;
  if (LOCK_FILES.has(name)) return { path, reason: 'lock file' };
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (BINARY_EXTENSIONS.has(extension)) return { path, reason: `binary (.${extension})` };
  return undefined;
}

export interface SnapshotBuilder {
  /**
   * Whether to read the file at `path` of `size` bytes: false (and the reason recorded) when
   * its path or size rules it out, or the budget is already spent.
   */
  wants(path: string, size: number): boolean;
  /** Keeps a file read after `wants`, unless its bytes are binary or it does not fit the budget. */
  add(path: string, bytes: Uint8Array): void;
  /** True once the budget is spent: every further file is recorded as skipped. */
  readonly full: boolean;
  finish(): RepoSnapshot;
}

/** Collects a snapshot in the order files arrive (git tree order in both hosts, so both agree). */
export function createSnapshotBuilder(commit: string, limits: Readonly<SnapshotLimits> = SNAPSHOT_LIMITS): SnapshotBuilder {
  const files = new Map<string, string>();
  const skipped: Array<{ path: string; reason: string }> = [];
  const skippedFolders = new Set<string>();
  let total = 0;
  let full = false;
  const overBudget = `over the snapshot budget (${kb(limits.maxTotalBytes)} or ${limits.maxFiles.toLocaleString('en-US')} files)`;

  const skip = (path: string, reason: string) => {
    skipped.push({ path, reason });
    return false;
  };

  return {
    get full() {
      return full;
    },
    wants(path, size) {
      const ruled = skipReasonForPath(path);
      if (ruled) {
        if (ruled.path !== path) {
          if (skippedFolders.has(ruled.path)) return false;
          skippedFolders.add(ruled.path);
          return skip(ruled.path, ruled.reason);
        }
        return skip(path, ruled.reason);
      }
      if (size > limits.maxFileBytes) return skip(path, `larger than ${kb(limits.maxFileBytes)} (${kb(size)})`);
      if (full) return skip(path, overBudget);
      return true;
    },
    add(path, bytes) {
      if (full) {
        skip(path, overBudget);
        return;
      }
      if (bytes.subarray(0, limits.sniffBytes).includes(0)) {
        skip(path, 'binary (NUL byte)');
        return;
      }
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        skip(path, 'not UTF-8 text');
        return;
      }
      if (files.size >= limits.maxFiles || total + bytes.byteLength > limits.maxTotalBytes) {
        full = true;
        skip(path, overBudget);
        return;
      }
      total += bytes.byteLength;
      files.set(path, text);
    },
    // Sorted, so both hosts report the same list whichever order they read in.
    finish: () => ({ commit, files, skipped: [...skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) }),
  };
}

/** A full commit sha (SHA-1, or SHA-256 repositories); snapshots are cached by it, so a branch name is refused. */
export const isFullCommitSha = (commit: string): boolean => /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(commit);
