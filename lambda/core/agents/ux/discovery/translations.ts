import { parseExpression } from '@babel/parser';
import type * as t from '@babel/types';
import type { Project } from './project';
import { objectProperty, stringSlot } from './resolve';
import type { StringSlot } from './ui-tree';

/**
 * Texts written as translation keys (`{t('hero.title')}`, `i18n.t('nav.home')`,
 * `<FormattedMessage id="…" />` is not followed) are followed into the site's default-language
 * JSON file (`locales/en/translation.json`, `messages/en.json`, …), where the words live.
 */
const LOCALE_FILE = /(?:^|\/)(?:locales?|i18n|lang|langs|languages|translations?|messages|intl)\/(?:[^/]+\/)*?(en|en[-_][A-Za-z]{2}|default)(?:\/[^/]+)?\.json$/;
const TRANSLATE_CALLS = new Set(['t', '$t', 'translate', 'i18n.t', 'i18next.t', 'intl.t']);

interface Catalogue {
  file: string;
  root: t.ObjectExpression;
}

const catalogues = new WeakMap<Project, Catalogue[]>();

function load(project: Project): Catalogue[] {
  const cached = catalogues.get(project);
  if (cached) return cached;
  const found: Catalogue[] = [];
  const files = [...project.files.keys()].filter((f) => LOCALE_FILE.test(f) && !f.includes('node_modules/')).sort((a, b) => a.length - b.length);
  for (const file of files.slice(0, 20)) {
    try {
      const expression = parseExpression(project.text(file) ?? '', { sourceType: 'module' });
      if (expression.type === 'ObjectExpression') found.push({ file, root: expression });
    } catch {
      // Not JSON we can read: not a catalogue.
    }
  }
  catalogues.set(project, found);
  return found;
}

/** The callee of a call as written (`t`, `i18n.t`), for recognising translation functions. */
function calleeName(callee: t.Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.property.type === 'Identifier') return `${callee.object.name}.${callee.property.name}`;
  return undefined;
}

/** The translation key a call asks for (`t('hero.title')` → `hero.title`), when it is one. */
export function translationKey(node: t.Node): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const name = calleeName(node.callee);
  const first = node.arguments[0];
  if (!name || !TRANSLATE_CALLS.has(name) || first?.type !== 'StringLiteral') return undefined;
  return first.value;
}

/** The default language's string for a key, with where it is written. */
export function translated(project: Project, key: string): { value: string; slot: StringSlot } | undefined {
  const path = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
  for (const catalogue of load(project)) {
    const flat = objectProperty(catalogue.root, path)?.value;
    let node: t.Node | undefined = flat;
    if (!node) {
      node = catalogue.root;
      for (const part of path.split('.')) {
        node = node?.type === 'ObjectExpression' ? objectProperty(node, part)?.value : undefined;
      }
    }
    if (node?.type !== 'StringLiteral') continue;
    // parseExpression offsets are relative to the file's start, as the file is the whole expression.
    const slot = stringSlot(project, catalogue.file, node);
    if (slot) return { value: node.value, slot: { ...slot, syntax: 'js-double' } };
  }
  return undefined;
}
