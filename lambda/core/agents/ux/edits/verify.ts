import { parse as parseScript } from '@babel/parser';
import { parse as parseHtml } from 'parse5';
import { componentStyleBlocks, isStylesheet, parseStylesheet } from '../discovery/stylesheet';
import { errorMessage } from '../../../domain/error-message';
import { brokenData } from './verify-data';
import { brokenTemplate } from './verify-templates';

/**
 * Every edited file is parsed again before a preview is shown: JS/TS/JSX with Babel, CSS and SCSS
 * with postcss, HTML with parse5 (whose recovery never throws, so new parse errors are counted),
 * Astro, Vue and Svelte by their compilers (verify-templates.ts), YAML, TOML, front matter and
 * template directives by verify-data.ts.
 * Returns a sentence when the edit would break the file, undefined when it parses as before.
 */
export function brokenBy(path: string, before: string, after: string): string | undefined {
  if (/\.(?:astro|vue|svelte)$/.test(path)) return brokenTemplate(path, before, after) ?? brokenStyleBlocks(path, before, after);
  if (/\.[cm]?[jt]sx?$/.test(path)) {
    try {
      parseScript(after, { sourceType: 'module', plugins: /\.[cm]?ts$/.test(path) ? ['typescript'] : ['jsx', 'typescript'], errorRecovery: false });
      return undefined;
    } catch (error) {
      return `The edit would make ${path} unparseable (${errorMessage(error)}), so nothing was changed.`;
    }
  }
  if (isStylesheet(path)) {
    try {
      parseStylesheet(after, path);
      return undefined;
    } catch (error) {
      return `The edit would make ${path} invalid CSS (${errorMessage(error)}), so nothing was changed.`;
    }
  }
  if (path.endsWith('.json')) {
    try {
      JSON.parse(after.replace(/^\uFEFF/, ''));
      return undefined;
    } catch (error) {
      return `The edit would make ${path} invalid JSON (${errorMessage(error)}), so nothing was changed.`;
    }
  }
  const data = brokenData(path, before, after);
  if (data) return data;
  if (/\.html?$/.test(path)) {
    const count = (html: string) => {
      let errors = 0;
      parseHtml(html, { onParseError: () => void errors++ });
      return errors;
    };
    return count(after) > count(before) ? `The edit would add HTML errors to ${path}, so nothing was changed.` : undefined;
  }
  return undefined;
}

/** A component's `<style>` blocks still parse as CSS (or SCSS) after the edit, when they did before. */
function brokenStyleBlocks(path: string, before: string, after: string): string | undefined {
  const parses = (text: string) => {
    try {
      if (componentStyleBlocks(text, path).length > 0) parseStylesheet(text, path);
      return undefined;
    } catch (error) {
      return errorMessage(error);
    }
  };
  const broken = parses(after);
  return broken && !parses(before) ? `The edit would make the <style> of ${path} invalid CSS (${broken}), so nothing was changed.` : undefined;
}
