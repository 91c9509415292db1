import { directivesIn, type Directive } from '../discovery/html-tree';
import { toml, yaml } from '../discovery/templates/data-files';
import { errorMessage } from '../../../domain/error-message';

/**
 * Edited data and content files, read again by their own parsers before a preview: YAML by
 * `yaml` (its errors counted, as it recovers), TOML by `toml-eslint-parser`, the front matter of
 * Markdown pages by the parser of its fence. A template (Go or Liquid inside HTML) must keep
 * every `{{ … }}` and `{% … %}` it had, in order: an edit changes the words between them, or adds
 * a copy of existing markup whose directives are all ones the file already has.
 */
function yamlProblem(path: string, before: string, after: string): string | undefined {
  const count = (text: string) => yaml().parseDocument(text).errors.length;
  const errors = yaml().parseDocument(after).errors;
  return errors.length > count(before) ? `The edit would make ${path} invalid YAML (${errors[0]?.message.split('\n')[0] ?? 'parse error'}), so nothing was changed.` : undefined;
}

function tomlProblem(path: string, before: string, after: string): string | undefined {
  const parses = (text: string) => {
    try {
      toml().parseTOML(text);
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  };
  const broken = parses(after);
  return broken && !parses(before) ? `The edit would make ${path} invalid TOML (${broken}), so nothing was changed.` : undefined;
}

const FENCE = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;

function frontMatterProblem(path: string, before: string, after: string): string | undefined {
  const was = FENCE.exec(before);
  const now = FENCE.exec(after);
  if (was && !now) return `The edit would break the front matter of ${path} (its closing ${was[1]} is gone), so nothing was changed.`;
  if (!was || !now) return undefined;
  return was[1] === '---' ? yamlProblem(`${path} (front matter)`, was[2], now[2]) : tomlProblem(`${path} (front matter)`, was[2], now[2]);
}

/** Go template words and Liquid tags that steer the template (conditions, loops, definitions, includes), never just print. */
const CONTROL = /^(?:if|else|range|with|define|block|end|template|partial|partialCached|return|break|continue|try)\b|^\/\*|:=|(?<![=!<>])=(?![=~])/;
/** Values that print a whole part of the page (the page's content), not a word of a line. */
const WHOLE_PART = /^\$?\.?(?:Content|content|Inner|TableOfContents|Summary)\b/;

/**
 * A directive that only prints a value (`{{ .Site.Title }}`, `{{ site.Title | safeHTML }}`,
 * `{{ site.title | escape }}`, `{{ now.Year }}`): new words may stand in its place. `{% … %}`
 * tags and Go's `if`/`range`/`with`/`define`/`block`/`partial` steer the template and always stay.
 */
const printsOnly = (d: Directive) => d.kind === '{{' && !CONTROL.test(d.code) && !WHOLE_PART.test(d.code);

function directiveProblem(path: string, before: string, after: string): string | undefined {
  const was = directivesIn(before);
  const now = directivesIn(after);
  const known = new Set(was.map((d) => d.code));
  // Steering directives keep their order; a copy of existing markup may repeat ones the file has.
  const control = (list: Directive[]) => list.filter((d) => !printsOnly(d)).map((d) => d.code);
  const wasControl = control(was);
  let i = 0;
  for (const code of control(now)) {
    if (i < wasControl.length && code === wasControl[i]) i++;
    else if (!known.has(code)) return `The edit would change the template code of ${path} (${code.slice(0, 60)}), so nothing was changed.`;
  }
  if (i !== wasControl.length) return `The edit would remove template code from ${path} (${(wasControl[i] ?? '').slice(0, 60)}), so nothing was changed.`;
  // A value printer may be replaced by words, never added unless the file already prints it.
  const added = now.find((d) => printsOnly(d) && !known.has(d.code));
  return added ? `The edit would change the template code of ${path} (${added.code.slice(0, 60)}), so nothing was changed.` : undefined;
}

/** A sentence when the edit breaks a data or content file, undefined when it reads as before; undefined for other files. */
export function brokenData(path: string, before: string, after: string): string | undefined {
  if (/\.ya?ml$/.test(path)) return yamlProblem(path, before, after);
  if (path.endsWith('.toml')) return tomlProblem(path, before, after);
  if (/\.(?:md|markdown|mdx)$/.test(path)) return frontMatterProblem(path, before, after);
  if (/\.html?$/.test(path)) return frontMatterProblem(path, before, after) ?? directiveProblem(path, before, after);
  return undefined;
}
