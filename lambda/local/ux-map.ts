import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildSiteModel } from '../core/agents/ux/discovery/site-model';
import { describeSite, overlayMap, vocabularyOf } from '../core/agents/ux/discovery/vocabulary';
import { parseSiteMap, SITE_MAP_PATH, type SiteMap } from '../core/agents/ux/site-map';
import { createSnapshotBuilder } from '../core/adapters/snapshot-filter';
import { errorMessage } from '../core/domain/error-message';

/**
 * `npm run ux-map -- [folder]`: what the UX Agent finds in a website folder, as `/ux-map` shows
 * it, without a server, a git repository or Discord. The folder is read with the snapshot rule
 * both repository hosts apply, so it sees the files a preview would see.
 */
export const UX_MAP_USAGE = 'Usage: npm run ux-map -- [folder]   (default: .valine/site when it exists, else examples/site)';

export interface UxMapIo {
  /** Relative folders are resolved against it. */
  cwd: string;
  write: (line: string) => void;
}

/** The folder to read when none is given: the local-mode copy of the sample site, else the sample site itself. */
export function defaultSiteFolder(cwd: string): string {
  const local = resolve(cwd, '.valine/site');
  return existsSync(local) ? local : resolve(cwd, 'examples/site');
}

/** Every file under `root` in git's tree order (a folder sorts as its name plus `/`), symlinks left out. */
function filesIn(root: string, folder = ''): string[] {
  const entries = readdirSync(join(root, folder), { withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isDirectory())
    .map((entry) => ({ path: folder ? `${folder}/${entry.name}` : entry.name, directory: entry.isDirectory() }))
    .sort((a, b) => {
      const left = a.directory ? `${a.path}/` : a.path;
      const right = b.directory ? `${b.path}/` : b.path;
      return left < right ? -1 : left > right ? 1 : 0;
    });
  return entries.flatMap((entry) => (entry.directory ? filesIn(root, entry.path) : [entry.path]));
}

/** The text files of a folder, kept and left out by the same rule as a repository snapshot. */
export function readSiteFolder(root: string): { files: Map<string, string>; skipped: ReadonlyArray<{ path: string; reason: string }> } {
  const builder = createSnapshotBuilder('working-tree');
  for (const path of filesIn(root)) {
    const absolute = join(root, path);
    if (!builder.wants(path, lstatSync(absolute).size)) continue;
    builder.add(path, readFileSync(absolute));
  }
  const snapshot = builder.finish();
  return { files: new Map(snapshot.files), skipped: snapshot.skipped };
}

/** Prints what discovery finds in the folder; the exit code: 0 found, 1 nothing or a bad map, 2 no such folder. */
export function runUxMap(argv: readonly string[], io: UxMapIo): number {
  if (argv.includes('--help') || argv.length > 1) {
    io.write(UX_MAP_USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  const folder = argv[0] !== undefined ? resolve(io.cwd, argv[0]) : defaultSiteFolder(io.cwd);
  const shown = relative(io.cwd, folder) || '.';
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.write(`There is no folder ${shown}; give the folder of a website, e.g. npm run ux-map -- examples/sites/plain-html.`);
    return 2;
  }
  const { files, skipped } = readSiteFolder(folder);
  let map: SiteMap | undefined;
  const mapText = files.get(SITE_MAP_PATH);
  if (mapText !== undefined) {
    const parsed = parseSiteMap(mapText, `${shown}/${SITE_MAP_PATH}`);
    if (!parsed.ok) {
      io.write(parsed.message);
      return 1;
    }
    map = parsed.siteMap;
  }
  const model = buildSiteModel(files);
  const vocabulary = overlayMap(vocabularyOf(model), map);
  const start = model.homeFile ? `home page ${model.homeFile}` : model.entries[0] ? `entry ${model.entries[0]} (no separate home page)` : 'no home page found';
  io.write(`${shown}: ${model.framework} · ${start}${map ? ` · ${SITE_MAP_PATH} laid over discovery` : ''}`);
  io.write(`${files.size} files read${skipped.length > 0 ? `, ${skipped.length} left out (${skipped.slice(0, 3).map((s) => `${s.path}: ${s.reason}`).join('; ')}${skipped.length > 3 ? '; …' : ''})` : ''}`);
  const lines = describeSite(model, vocabulary);
  if (lines.length === 0) {
    io.write(`No header, navbar, footer or home page was found; describe the site in ${SITE_MAP_PATH} (see docs/ux-agent.md).`);
    return 1;
  }
  for (const line of lines) io.write(line);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = runUxMap(process.argv.slice(2), { cwd: process.cwd(), write: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    process.stderr.write(`npm run ux-map failed: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}
