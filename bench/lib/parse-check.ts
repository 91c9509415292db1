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
 * What keeps the file from parsing as its kind: JS/TS/JSX with Babel, CSS with postcss, HTML
 * with parse5 (which recovers from everything, so its tokenizer errors are the problems), JSON.
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
