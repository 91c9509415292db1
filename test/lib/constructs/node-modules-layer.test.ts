import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LAYER_MODULES } from '../../../lib/constructs/lambda-bundle';
import { nodeModulesLayerDirectory, withDependencies } from '../../../lib/constructs/node-modules-layer';

const workerModules = LAYER_MODULES.worker ?? [];

describe("the worker's node_modules layer", () => {
  it('holds each package the worker bundle leaves out, with every runtime dependency, and no type declarations', () => {
    const { directory, contents } = nodeModulesLayerDirectory(workerModules);
    const modules = path.join(directory, 'nodejs', 'node_modules');
    const names = contents.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([...workerModules, 'standardwebhooks', '@opentelemetry/api', 'nanoid', 'picocolors', 'source-map-js']));
    for (const name of names) expect(existsSync(path.join(modules, name, 'package.json'))).toBe(true);
    const declarations = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? declarations(path.join(dir, e.name)) : /\.d\.[cm]?ts$/.test(e.name) ? [e.name] : []));
    expect(declarations(path.join(modules, 'openai'))).toEqual([]);
  });

  it('lets a process outside the project require each of them from the layer alone (as Lambda does through NODE_PATH=/opt/nodejs/node_modules)', () => {
    const { directory } = nodeModulesLayerDirectory(workerModules);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'valine-layer-'));
    try {
      const script = `for (const m of ${JSON.stringify(workerModules)}) { const loaded = require(m); if (!loaded) throw new Error(m); } console.log('ok');`;
      const out = execFileSync(process.execPath, ['-e', script], { cwd: elsewhere, env: { PATH: process.env.PATH, NODE_PATH: path.join(directory, 'nodejs', 'node_modules') } }).toString();
      expect(out.trim()).toBe('ok');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses, with a sentence, a package that is not installed', () => {
    expect(() => withDependencies(['no-such-package-valine'])).toThrow('The layer needs no-such-package-valine, which is not installed in node_modules; run npm ci.');
  });
});
