import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const LAMBDA = resolve(__dirname, '../../lambda');
const CORE = join(LAMBDA, 'core');
/** Every folder of lambda/ other than core: a deployed function's, or local mode's. */
const FUNCTION_FOLDERS = readdirSync(LAMBDA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'core')
  .map((entry) => entry.name);

const sourceFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

/** Every module specifier of a file: static imports and exports, `import()` and `require()`. */
const specifiers = (source: string): string[] =>
  [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((match) => match[1] as string);

describe('lambda/core', () => {
  it('holds only shared code: no file imports a function folder or local mode', () => {
    expect(FUNCTION_FOLDERS).toEqual(expect.arrayContaining(['interactions', 'worker', 'github-webhook', 'alert-notifier', 'local']));
    const arrowsUp: string[] = [];
    for (const file of sourceFiles(CORE)) {
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(LAMBDA, resolve(dirname(file), specifier));
        const top = target.split(sep)[0];
        if (top !== 'core') arrowsUp.push(`${relative(LAMBDA, file)} imports ${specifier} (lambda/${target})`);
      }
    }
    expect(arrowsUp).toEqual([]);
  });
});

describe('lambda/', () => {
  it('imports zod as a namespace: `import { z }` makes esbuild keep every zod locale (about 400 KB in each bundle, read at every cold start)', () => {
    const named = sourceFiles(LAMBDA).filter((file) => /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*['"]zod['"]/.test(readFileSync(file, 'utf8')));
    expect(named.map((file) => relative(LAMBDA, file))).toEqual([]);
  });
});

describe('lambda/core/agents', () => {
  it('keeps each agent in its own folder: no agent imports another agent’s folder', () => {
    const AGENTS = join(CORE, 'agents');
    const folders = readdirSync(AGENTS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders).toEqual(expect.arrayContaining(['ux', 'revert']));
    const crossings: string[] = [];
    for (const folder of folders) {
      for (const file of sourceFiles(join(AGENTS, folder))) {
        for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
          if (!specifier.startsWith('.')) continue;
          const target = relative(AGENTS, resolve(dirname(file), specifier)).split(sep);
          if (target.length > 1 && folders.includes(target[0] as string) && target[0] !== folder) crossings.push(`${relative(LAMBDA, file)} imports ${specifier}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });
});
