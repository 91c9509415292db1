import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A NUL byte in the first 8 KB, or bytes that are not UTF-8: binary, as git and the snapshot decide. */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8 * 1024).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A site folder's text files by repository path (node_modules, .git and binary files left out), and how many binaries were left out. */
export function readSiteFiles(directory: string): { files: Record<string, string>; binaries: number } {
  const files: Record<string, string> = {};
  let binaries = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const text = textOf(readFileSync(path));
        if (text === undefined) binaries++;
        else files[relative(directory, path).split(sep).join('/')] = text;
      }
    }
  };
  walk(directory);
  return { files, binaries };
}
