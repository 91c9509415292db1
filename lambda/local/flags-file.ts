import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultFlagStrings } from '../core/contract/flags';

/** Creates the local flags file on first start: the dev defaults, with the Discord stand-in's user as admin. */
export async function ensureFlagsFile(path: string, adminUserId: string): Promise<{ created: boolean }> {
  try {
    await readFile(path, 'utf8');
    return { created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const flags = { ...defaultFlagStrings('dev'), 'admin-user-ids': adminUserId, 'site-repository': 'local' };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(flags, null, 2)}\n`);
  return { created: true };
}
