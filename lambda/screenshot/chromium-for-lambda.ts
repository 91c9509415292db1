import { chromiumSource, type BrowserSource } from '../core/screenshots/browser';

/** Where the Chromium layer puts @sparticuz/chromium's brotli files (a layer unpacks into /opt). */
export const CHROMIUM_LAYER_DIRECTORY = '/opt/chromium';

/**
 * @sparticuz/chromium's headless shell, unpacked from the layer into /tmp on the first launch of
 * an instance (about 1 s) and reused by its later invocations.
 */
export function lambdaChromium(): BrowserSource {
  const load = () => import('@sparticuz/chromium').then((module) => module.default);
  let args: readonly string[] | undefined;
  return {
    async launch() {
      const chromium = await load();
      args ??= [...chromium.args, '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars'];
      return chromiumSource({ executablePath: () => chromium.executablePath(CHROMIUM_LAYER_DIRECTORY), args }).launch();
    },
  };
}
