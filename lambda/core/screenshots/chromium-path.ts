import { accessSync, constants } from 'node:fs';
import { ChromiumNotFoundError } from './errors';

/** Where Debian, Ubuntu and the usual installers put Chromium or Chrome. */
const KNOWN_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The local Chromium: CHROMIUM_PATH when set (it must exist), else the first known path that does. */
export function findLocalChromium(env: Record<string, string | undefined> = process.env, candidates: readonly string[] = KNOWN_PATHS): string {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (isExecutable(chosen)) return chosen;
    throw new ChromiumNotFoundError(`CHROMIUM_PATH is ${chosen}, but no program is there. Point it at a Chromium or Chrome binary, or unset it and install Chromium (sudo apt-get install chromium).`);
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new ChromiumNotFoundError('No Chromium was found on this machine, so no screenshots were taken. Install it (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.');
}

/** The flags Chromium starts with here and on Lambda: headless, no sandbox (containers), nothing that phones home. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'] as const;
