import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Octokit and its helpers ship ESM only ("import" exports), which `require` cannot resolve.
 * The Lambda bundles (esbuild) and jest (test/support/esm-resolver.js) resolve them through
 * their "import" condition; this does the same for local mode under tsx. Import it first.
 */
const ESM_ONLY = /^(@octokit\/[^/]+|universal-user-agent|before-after-hook|universal-github-app-jwt|content-type|toad-cache|fast-content-type-parse|json-with-bigint)(\/.*)?$/;

type ResolveFilename = (this: unknown, request: string, parent: { paths?: string[] } | undefined, isMain: boolean, options?: unknown) => string;
const internals = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = internals._resolveFilename;

function importTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return undefined;
  for (const condition of ['node', 'import', 'default']) {
    const target = importTarget((entry as Record<string, unknown>)[condition]);
    if (target) return target;
  }
  return undefined;
}

function resolveImportExport(packageDirectory: string, subpath: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8')) as { exports?: unknown };
  const exportsField = manifest.exports;
  if (exportsField === undefined) return undefined;
  const keyed = typeof exportsField === 'object' && exportsField !== null && Object.keys(exportsField).some((k) => k.startsWith('.'));
  const entry = keyed ? (exportsField as Record<string, unknown>)[subpath] : subpath === '.' ? exportsField : undefined;
  const target = importTarget(entry);
  return target ? join(packageDirectory, target) : undefined;
}

internals._resolveFilename = function resolveEsmOnly(request, parent, isMain, options) {
  try {
    return resolveFilename.call(this, request, parent, isMain, options);
  } catch (error) {
    const match = ESM_ONLY.exec(request);
    if (!match?.[1] || (error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    for (const directory of parent?.paths ?? []) {
      try {
        const resolved = resolveImportExport(join(directory, match[1]), `.${match[2] ?? ''}`);
        if (resolved) return resolved;
      } catch {
        // Not installed under this node_modules; try the next one up.
      }
    }
    throw error;
  }
};
