import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './valine-function';

/** The packages the layer holds, at the versions the lock file installed. */
const CHROMIUM_PACKAGE = path.join(PROJECT_ROOT, 'node_modules', '@sparticuz', 'chromium');
const PLAYWRIGHT_PACKAGE = path.join(PROJECT_ROOT, 'node_modules', 'playwright-core');
const versionOf = (directory: string): string => (require(path.join(directory, 'package.json')) as { version: string }).version;

/**
 * The layer's folder, assembled once per pair of versions under node_modules/.cache (not per synth):
 * chromium/ holds @sparticuz/chromium's brotli files (unpacked to /opt/chromium), nodejs/node_modules
 * holds playwright-core, which cannot be bundled by esbuild (it reads its own package.json at load).
 */
export function chromiumLayerDirectory(): { directory: string; key: string } {
  const key = `sparticuz-chromium-${versionOf(CHROMIUM_PACKAGE)}-playwright-core-${versionOf(PLAYWRIGHT_PACKAGE)}`;
  const directory = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'valine-chromium-layer', key);
  if (!existsSync(directory)) {
    const building = `${directory}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    cpSync(path.join(CHROMIUM_PACKAGE, 'bin'), path.join(building, 'chromium'), { recursive: true });
    cpSync(PLAYWRIGHT_PACKAGE, path.join(building, 'nodejs', 'node_modules', 'playwright-core'), { recursive: true });
    try {
      renameSync(building, directory);
    } catch {
      // Another synth in parallel finished first: its folder is the same.
      rmSync(building, { recursive: true, force: true });
    }
  }
  return { directory, key };
}

/** Headless Chromium for Lambda (x86_64: the npm package ships only x64 binaries) plus playwright-core, as one layer. */
export class ChromiumLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { directory, key } = chromiumLayerDirectory();
    this.layer = new LayerVersion(this, 'Layer', {
      description: `Headless Chromium (${key}) for the screenshot function`,
      // A hash from the versions: no 85 MB fingerprint on every synth.
      code: Code.fromAsset(directory, { assetHashType: AssetHashType.CUSTOM, assetHash: key }),
      compatibleArchitectures: [Architecture.X86_64],
      compatibleRuntimes: [Runtime.NODEJS_22_X],
    });
  }
}
