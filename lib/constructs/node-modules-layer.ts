import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from './valine-function';

const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}
const packageJsonOf = (name: string): PackageJson => JSON.parse(readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as PackageJson;

/** The packages and every runtime dependency they pull in, as npm installed them (hoisted), by name and version. */
export function withDependencies(packages: readonly string[]): PackageJson[] {
  const found = new Map<string, PackageJson>();
  const visit = (name: string) => {
    if (found.has(name) || name.startsWith('@aws-sdk/')) return;
    if (!existsSync(path.join(NODE_MODULES, name, 'package.json'))) throw new Error(`The layer needs ${name}, which is not installed in node_modules; run npm ci.`);
    const json = packageJsonOf(name);
    found.set(name, json);
    for (const dependency of Object.keys(json.dependencies ?? {})) visit(dependency);
  };
  for (const name of packages) visit(name);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Type declarations and source maps are not loaded at run time. */
const RUNTIME_FILE = (source: string): boolean => !/\.(d\.[cm]?ts|map)$/.test(source);

/**
 * The layer's folder (nodejs/node_modules/<package>), assembled once per set of versions under
 * node_modules/.cache, not on every synth. Lambda puts /opt/nodejs/node_modules on NODE_PATH, so a
 * bundle that leaves these packages out (LAYER_MODULES) requires them from there on first use.
 */
export function nodeModulesLayerDirectory(packages: readonly string[]): { directory: string; key: string; contents: PackageJson[] } {
  const contents = withDependencies(packages);
  const key = createHash('sha256').update(contents.map((p) => `${p.name}@${p.version}`).join('\n')).digest('hex').slice(0, 16);
  const directory = path.join(NODE_MODULES, '.cache', 'valine-node-modules-layer', key);
  if (!existsSync(directory)) {
    const building = `${directory}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    for (const { name } of contents) {
      const target = path.join(building, 'nodejs', 'node_modules', name);
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(path.join(NODE_MODULES, name), target, { recursive: true, filter: RUNTIME_FILE });
    }
    try {
      renameSync(building, directory);
    } catch {
      // Another synth in parallel finished first: its folder is the same.
      rmSync(building, { recursive: true, force: true });
    }
  }
  return { directory, key, contents };
}

export interface NodeModulesLayerProps {
  /** What the function's bundle leaves out (LAYER_MODULES in lambda-bundle.ts). */
  readonly packages: readonly string[];
  readonly description: string;
}

/** Plain-JavaScript packages (any architecture) a function loads from a layer on first use instead of compiling them at every cold start. */
export class NodeModulesLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string, props: NodeModulesLayerProps) {
    super(scope, id);
    const { directory, key, contents } = nodeModulesLayerDirectory(props.packages);
    this.layer = new LayerVersion(this, 'Layer', {
      description: `${props.description}: ${props.packages.join(', ')} (${contents.length} packages, ${key})`.slice(0, 256),
      // A hash from the package versions: no fingerprint of the whole folder on every synth.
      code: Code.fromAsset(directory, { assetHashType: AssetHashType.CUSTOM, assetHash: key }),
      compatibleArchitectures: [Architecture.ARM_64, Architecture.X86_64],
      compatibleRuntimes: [Runtime.NODEJS_22_X],
    });
  }
}
