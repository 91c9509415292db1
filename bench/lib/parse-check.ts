import { parse as parseScript, type ParserPlugin } from '@babel/parser';
import type * as Parse5 from 'parse5';
import postcss from 'postcss';
import { errorMessage } from '../../lambda/core/domain/error-message';

// parse5 is ESM only: Node (and tsx) require() it, jest's CommonJS runtime cannot, so it loads on the first HTML file.
let parse5: typeof Parse5 | undefined;
const html = (): typeof Parse5 => (parse5 ??= require('parse5') as typeof Parse5);

/** The Babel plugins a file's extension calls for (`.ts` has no JSX: `<T>x` is a cast there). */
function babelPlugins(path: string): ParserPlugin[] | undefined {
  if (/\.(mts|cts|ts)$/.test(path)) return ['typescript'];
  if (/\.tsx$/.test(path)) return ['typescript', 'jsx'];
  if (/\.(mjs|cjs|js|jsx)$/.test(path)) return ['jsx'];
  return undefined;
}

/**
 * What keeps the file from parsing as its kind: JS/TS/JSX with Babel, CSS with postcss (SCSS with
 * postcss-scss), HTML with parse5 (which recovers from everything, so its tokenizer errors are the
 * problems), JSON, YAML, TOML (smol-toml, another parser than the agent's), Svelte, Vue and Astro
 * with their compilers.
 * Empty for files of other kinds and files that parse.
 */
export function parseProblems(path: string, content: string): string[] {
  try {
    const plugins = babelPlugins(path);
    if (plugins) {
      parseScript(content, { sourceType: 'unambiguous', plugins, errorRecovery: false });
      return [];
    }
    if (/\.css$/.test(path)) {
      postcss.parse(content, { from: path });
      return [];
    }
    if (/\.html?$/.test(path)) {
      const problems: string[] = [];
      html().parse(content, { onParseError: (error) => problems.push(`${error.code} at line ${error.startLine}`) });
      return problems;
    }
    if (/\.json$/.test(path)) {
      JSON.parse(content);
      return [];
    }
    if (/\.scss$/.test(path)) {
      (require('postcss-scss') as { parse: (css: string) => unknown }).parse(content);
      return [];
    }
    if (/\.ya?ml$/.test(path)) return (require('yaml') as { parseAllDocuments: (t: string) => Array<{ errors: Array<{ message: string }> }> }).parseAllDocuments(content).flatMap((d) => d.errors.map((e) => e.message.split('\n')[0]));
    if (/\.toml$/.test(path)) {
      (require('smol-toml') as { parse: (t: string) => unknown }).parse(content);
      return [];
    }
    if (/\.svelte$/.test(path)) {
      (require('svelte/compiler') as { parse: (t: string, o: object) => unknown }).parse(content, { modern: true });
      return [];
    }
    if (/\.vue$/.test(path)) return (require('@vue/compiler-sfc') as { parse: (t: string) => { errors: Array<{ message: string }> } }).parse(content).errors.map((e) => e.message);
    if (/\.astro$/.test(path)) {
      // Astro's own conversion to TSX, read by Babel: what a type check of the component would read.
      const tsx = (require('@astrojs/compiler/sync') as { convertToTSX: (t: string, o: object) => { code: string } }).convertToTSX(content, {}).code;
      parseScript(tsx, { sourceType: 'module', plugins: ['jsx', 'typescript'], allowImportExportEverywhere: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
      return [];
    }
    return [];
  } catch (error) {
    return [errorMessage(error).split('\n')[0]];
  }
}

/**
 * Why the edited file no longer parses, when it parsed before (or had fewer problems): a file
 * that was already broken on the default branch is not the edit's fault.
 */
export function newParseProblem(path: string, before: string | undefined, after: string): string | undefined {
  const problemsAfter = parseProblems(path, after);
  if (problemsAfter.length === 0) return undefined;
  const problemsBefore = before === undefined ? [] : parseProblems(path, before);
  if (problemsAfter.length <= problemsBefore.length) return undefined;
  return problemsAfter.find((p) => !problemsBefore.includes(p)) ?? problemsAfter[0];
}
