import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createLocalGitRepoHost, pathExists as exists, SEEDED_FROM_KEY } from '../core/adapters/local-git-repo-host';

const run = promisify(execFile);

/** The website local mode edits (`.valine/site`) and the folder it was copied from. */
export interface SiteInUse {
  directory: string;
  /** The folder `directory` was seeded from; undefined when nothing records it (a repository made by hand). */
  seededFrom?: string;
  /** `directory` was created by this start. */
  created: boolean;
  /** This start re-seeded it from another folder, and moved the previous copy here. */
  previousCopy?: string;
  /** Not created yet: it is made from `seededFrom` on first use (the seed folder does not exist yet). */
  pending?: boolean;
}

export interface PrepareSiteOptions {
  directory: string;
  seed: string;
  /** VALINE_SITE_SEED or `--site` was given: the site asked for, applied even when `directory` holds another. */
  seedAskedFor: boolean;
  /** Previews made on the current copy that a Confirm would still commit (kept across restarts by VALINE_PERSIST=1). */
  openPreviews: () => Promise<number>;
  now?: () => Date;
}

/** A start that cannot give the site asked for; the message is one sentence saying what to do. */
export class SiteInUseError extends Error {}


/** This process's environment without variables that would point git at another repository (e.g. inside a git hook). */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C' };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR']) delete env[name];
  return env;
}

async function git(directory: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await run('git', ['-C', directory, ...args], { env: gitEnvironment() })).stdout.trim();
  } catch {
    return undefined;
  }
}

/** How a seed names itself in the initial commit of a repository seeded before the origin was recorded ("examples/site"). */
const shortName = (folder: string): string => `${basename(dirname(folder))}/${basename(folder)}`;

/** The folder the repository was seeded from: its git config, else (older copies) the initial commit's message. */
async function recordedSeed(directory: string, asked: string): Promise<string | undefined> {
  const recorded = await git(directory, ['config', '--get', SEEDED_FROM_KEY]);
  if (recorded) return recorded;
  const roots = (await git(directory, ['rev-list', '--max-parents=0', 'HEAD']))?.split('\n') ?? [];
  const message = roots.length === 1 && roots[0] ? await git(directory, ['log', '-1', '--format=%s', roots[0]]) : undefined;
  const named = /^Initial copy of the site from (.+)$/.exec(message ?? '')?.[1];
  if (named === undefined) return undefined;
  // The message holds only the last two folders: the same two as the folder asked for is taken as that folder.
  return named === shortName(asked) ? asked : named;
}

const sameFolder = (a: string, b: string): boolean => resolve(a) === resolve(b);

/** `<directory>.previous-<UTC time>`, beside it. */
const previousName = (directory: string, now: Date): string => `${directory}.previous-${now.toISOString().replace(/[:.]/g, '-')}`;

/**
 * Makes `directory` the site asked for: created from `seed` when missing; when it holds a copy of
 * another folder and a seed was asked for, that copy is moved aside and a new one made, unless
 * previews made on it are still open (confirming them would commit to the wrong repository).
 */
export async function prepareSiteInUse(options: PrepareSiteOptions): Promise<SiteInUse> {
  const directory = resolve(options.directory);
  const seed = resolve(options.seed);
  const seedExists = await exists(seed);
  if (options.seedAskedFor && !seedExists) throw new SiteInUseError(`The site folder ${shownPath(seed)} does not exist; give the folder of a website (npm start -- --site <folder>, or VALINE_SITE_SEED).`);
  const seedNow = async (): Promise<void> => {
    await createLocalGitRepoHost({ directory, seedFrom: seed }).describe();
  };
  if (!(await exists(join(directory, '.git')))) {
    if (await exists(directory)) throw new SiteInUseError(`${directory} exists but is not a git repository; move it away so it can be created from ${seed}.`);
    if (!seedExists) return { directory, seededFrom: seed, created: false, pending: true };
    await seedNow();
    return { directory, seededFrom: seed, created: true };
  }
  const seededFrom = await recordedSeed(directory, seed);
  if (!options.seedAskedFor || (seededFrom !== undefined && sameFolder(seededFrom, seed))) {
    if (seededFrom !== undefined && sameFolder(seededFrom, seed)) await git(directory, ['config', SEEDED_FROM_KEY, seed]);
    return { directory, seededFrom, created: false };
  }
  const open = await options.openPreviews();
  if (open > 0) {
    throw new SiteInUseError(
      `The site asked for is ${shownPath(seed)}, but ${shownPath(directory)} holds a copy of ${seededFrom ? shownPath(seededFrom) : 'another folder'} with ${open} open preview${open === 1 ? '' : 's'} (kept by VALINE_PERSIST=1); ` +
        `confirm or cancel ${open === 1 ? 'it' : 'them'} first (or let ${open === 1 ? 'it' : 'them'} expire), or start without VALINE_SITE_SEED and --site to keep using that copy.`,
    );
  }
  const previousCopy = previousName(directory, (options.now ?? (() => new Date()))());
  await rename(directory, previousCopy);
  await seedNow();
  return { directory, seededFrom: seed, created: true, previousCopy };
}

/** A path as the banner and /health show it: relative when under `cwd`, else absolute. */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  const near = relative(cwd, path);
  if (near === '') return '.';
  return near.startsWith('..') || isAbsolute(near) ? path : near;
}

/** "`.valine/site`, a copy of examples/site" and what this start did with it, for the banner. */
export function describeSiteInUse(site: SiteInUse, cwd: string = process.cwd()): string {
  const folder = shownPath(site.directory, cwd);
  const origin = site.seededFrom ? shownPath(site.seededFrom, cwd) : undefined;
  if (site.pending) return `${folder}, created from ${origin} on first use`;
  const what = origin ? `${folder}, a copy of ${origin}` : `${folder} (no record of the folder it was copied from)`;
  if (site.previousCopy) return `${what} (made now; the previous copy was moved to ${shownPath(site.previousCopy, cwd)})`;
  return site.created ? `${what} (made now)` : what;
}
