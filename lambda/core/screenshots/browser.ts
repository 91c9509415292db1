import type { Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, findLocalChromium } from './chromium-path';
import { ChromiumNotFoundError, ScreenshotError } from './errors';

/** Starts one headless Chromium; the Lambda function passes @sparticuz/chromium's binary and flags. */
export interface BrowserSource {
  launch(): Promise<Browser>;
}

export interface ChromiumLaunch {
  executablePath: () => Promise<string> | string;
  args?: readonly string[];
}

/** playwright-core starts the given binary with a fresh temporary profile (its own --user-data-dir) and downloads nothing. */
export function chromiumSource(launch: ChromiumLaunch): BrowserSource {
  return {
    async launch() {
      const executablePath = await launch.executablePath();
      // Loaded on the first launch, not at init: a cold function or local mode without screenshots never pays for it.
      const { chromium } = await import('playwright-core');
      try {
        return await chromium.launch({ executablePath, args: [...(launch.args ?? CHROMIUM_FLAGS)], timeout: 30_000 });
      } catch (error) {
        const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw new ScreenshotError(`Chromium (${executablePath}) did not start: ${first}`);
      }
    },
  };
}

/** Debian's Chromium, or CHROMIUM_PATH. */
export const localChromium = (env: Record<string, string | undefined> = process.env): BrowserSource =>
  chromiumSource({ executablePath: () => findLocalChromium(env) });

/** One browser kept open across pairs (a warm start); `close()` ends it. */
export class SharedBrowser implements BrowserSource {
  private current?: Promise<Browser>;

  constructor(private readonly source: BrowserSource) {}

  launch(): Promise<Browser> {
    if (!this.current) {
      this.current = this.source.launch();
      this.current.catch(() => (this.current = undefined));
    }
    return this.current.then((browser) => (browser.isConnected() ? browser : ((this.current = undefined), this.launch())));
  }

  async close(): Promise<void> {
    const browser = await this.current?.catch(() => undefined);
    this.current = undefined;
    await browser?.close().catch(() => undefined);
  }
}

export { ChromiumNotFoundError };
