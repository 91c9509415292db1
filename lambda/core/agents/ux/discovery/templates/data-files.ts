import type * as t from '@babel/types';
import type { Project } from '../project';
import { stringSlot } from '../resolve';
import type { LinkEntry, LinksArray, SourceRange, StringSlot } from '../ui-tree';

/**
 * Configuration and content data (YAML, TOML, JSON, and the front matter of Markdown and HTML
 * pages) read by their own parsers — `yaml`'s document API, `toml-eslint-parser`, Babel for
 * JSON — into one small tree that keeps every value's source range. Strings are slots written
 * in their file's own quoting; nothing is ever re-serialised, so comments, order and quoting stay.
 */
export type DataValue =
  | { kind: 'map'; range: SourceRange; entries: DataEntry[] }
  | { kind: 'list'; range: SourceRange; items: DataValue[] }
  | { kind: 'string'; range: SourceRange; value: string; slot?: StringSlot }
  /** Anything else; a number (`price: 22`) carries a slot that takes bare digits. */
  | { kind: 'other'; range: SourceRange; value: unknown; slot?: StringSlot };

export interface DataEntry {
  key: string;
  keyRange: SourceRange;
  value: DataValue;
}

export interface DataDocument {
  file: string;
  format: 'yaml' | 'toml' | 'json';
  root: DataValue;
}

interface YamlNode {
  range?: [number, number, number];
  type?: string;
  value?: unknown;
  items?: Array<YamlNode | YamlPair>;
  key?: YamlNode;
}
interface YamlPair {
  key: YamlNode | null;
  value: YamlNode | null;
}
type YamlModule = {
  parseDocument(text: string, options?: object): { contents: YamlNode | null; errors: Array<{ message: string }>; toJS(): unknown };
  /** A document built from a value, for writing one scalar in a chosen style. */
  Document: new (value?: unknown) => { contents: unknown; toString(options?: { lineWidth?: number }): string };
};
let yamlModule: YamlModule | undefined;
/** Loaded on first use. */
export const yaml = (): YamlModule => (yamlModule ??= require('yaml') as YamlModule);

interface TomlNode {
  type: string;
  range: [number, number];
  kind?: string;
  value?: unknown;
  style?: 'basic' | 'literal';
  multiline?: boolean;
  body?: TomlNode[];
  elements?: TomlNode[];
  key?: { keys: Array<{ type: string; name?: string; value?: string }> };
  resolvedKey?: Array<string | number>;
}
type TomlModule = { parseTOML(text: string): TomlNode };
let tomlModule: TomlModule | undefined;
/** Loaded on first use. */
export const toml = (): TomlModule => (tomlModule ??= require('toml-eslint-parser') as TomlModule);

const range = (file: string, start: number, end: number): SourceRange => ({ file, start, end });

function yamlValue(file: string, text: string, node: YamlNode | null | undefined, offset: number): DataValue | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  const at = range(file, start + offset, valueEnd + offset);
  if (Array.isArray(node.items)) {
    const pairs = node.items.filter((i): i is YamlPair => i !== null && typeof i === 'object' && 'key' in i && 'value' in i && !('range' in i && Array.isArray((i as YamlNode).items)));
    if (pairs.length === node.items.length && pairs.length > 0 && pairs.every((p) => p.key !== undefined)) {
      const entries: DataEntry[] = [];
      for (const pair of pairs) {
        const key = pair.key?.value;
        const value = yamlValue(file, text, pair.value, offset);
        if (typeof key !== 'string' || !pair.key?.range || !value) continue;
        entries.push({ key, keyRange: range(file, pair.key.range[0] + offset, pair.key.range[1] + offset), value });
      }
      return { kind: 'map', range: at, entries };
    }
    if (node.items.length === 0) return { kind: node.type === 'FLOW_SEQ' || node.type === 'SEQ' ? 'list' : 'map', range: at, entries: [], items: [] } as DataValue;
    const items = (node.items as YamlNode[]).map((item) => yamlValue(file, text, item, offset)).filter((v): v is DataValue => v !== undefined);
    return { kind: 'list', range: at, items };
  }
  const source = text.slice(start, valueEnd);
  if (typeof node.value === 'string') {
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const block = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL';
    // A value over several lines (`>-`, `|`, a plain or quoted scalar folded onto the next lines) is rewritten whole.
    const slot: StringSlot | undefined =
      block || source.includes('\n')
        ? { file, start: start + offset, end: valueEnd + offset, raw: source, syntax: 'yaml-block' }
        : node.type === 'PLAIN'
          ? { file, start: start + offset, end: valueEnd + offset, raw: source, syntax: 'yaml-plain' }
          : quoted
            ? { file, start: start + offset + 1, end: valueEnd + offset - 1, raw: source.slice(1, -1), syntax: node.type === 'QUOTE_DOUBLE' ? 'yaml-double' : 'yaml-single' }
            : undefined;
    return { kind: 'string', range: at, value: node.value, ...(slot ? { slot } : {}) };
  }
  const number = node.type === 'PLAIN' && typeof node.value === 'number' && NUMBER.test(source);
  return { kind: 'other', range: at, value: node.value, ...(number ? { slot: { file, start: start + offset, end: valueEnd + offset, raw: source, syntax: 'number' as const } } : {}) };
}

/** A number written in decimal digits (`22`, `9.50`): a price a CMS keeps as a number. */
const NUMBER = /^\d+(?:\.\d+)?$/;

/** YAML text (a file, or front matter at `offset` in its file). */
export function parseYaml(file: string, text: string, offset = 0): DataDocument | undefined {
  const document = yaml().parseDocument(text, { keepSourceTokens: false });
  if (document.errors.length > 0) throw Object.assign(new Error(document.errors[0].message.split('\n')[0]), { line: (document.errors[0] as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line });
  const root = yamlValue(file, text, document.contents, offset);
  return root ? { file, format: 'yaml', root } : undefined;
}

function tomlValue(file: string, text: string, node: TomlNode, offset: number): DataValue {
  const at = range(file, node.range[0] + offset, node.range[1] + offset);
  if (node.type === 'TOMLArray') return { kind: 'list', range: at, items: (node.elements ?? []).map((e) => tomlValue(file, text, e, offset)) };
  if (node.type === 'TOMLInlineTable') {
    const map: DataValue = { kind: 'map', range: at, entries: [] };
    for (const kv of node.body ?? []) assignKeyValue(file, text, map, kv, offset);
    return map;
  }
  if (node.kind === 'string' && typeof node.value === 'string') {
    const single = !node.multiline;
    // A literal string's slot spans its quotes: a new value with an apostrophe is then written as a basic string.
    const slot: StringSlot | undefined = !single
      ? undefined
      : node.style === 'literal'
        ? { file, start: at.start, end: at.end, raw: text.slice(node.range[0], node.range[1]), syntax: 'toml-literal' }
        : { file, start: at.start + 1, end: at.end - 1, raw: text.slice(node.range[0] + 1, node.range[1] - 1), syntax: 'toml-basic' };
    return { kind: 'string', range: at, value: node.value, ...(slot ? { slot } : {}) };
  }
  const source = text.slice(node.range[0], node.range[1]);
  const number = (node.kind === 'integer' || node.kind === 'float') && NUMBER.test(source);
  return { kind: 'other', range: at, value: node.value, ...(number ? { slot: { file, start: at.start, end: at.end, raw: source, syntax: 'number' as const } } : {}) };
}

const keyName = (k: { type: string; name?: string; value?: string }) => (k.type === 'TOMLBare' ? (k.name ?? '') : (k.value ?? ''));

function childMap(map: Extract<DataValue, { kind: 'map' }>, key: string, at: SourceRange): Extract<DataValue, { kind: 'map' }> {
  const found = map.entries.find((e) => e.key === key)?.value;
  if (found?.kind === 'map') return found;
  const created: Extract<DataValue, { kind: 'map' }> = { kind: 'map', range: at, entries: [] };
  map.entries.push({ key, keyRange: at, value: created });
  return created;
}

function assignKeyValue(file: string, text: string, map: DataValue, kv: TomlNode, offset: number): void {
  if (map.kind !== 'map' || kv.type !== 'TOMLKeyValue' || !kv.key || !kv.value) return;
  const keys = kv.key.keys.map(keyName);
  let target = map;
  const keyRange = range(file, kv.range[0] + offset, kv.range[0] + offset);
  for (const key of keys.slice(0, -1)) target = childMap(target, key, keyRange);
  target.entries.push({ key: keys[keys.length - 1], keyRange, value: tomlValue(file, text, kv.value as unknown as TomlNode, offset) });
}

/** TOML text: `[params]` tables become nested maps, `[[menu.main]]` tables the items of a list, each with its own range. */
export function parseToml(file: string, text: string, offset = 0): DataDocument | undefined {
  const ast = toml().parseTOML(text);
  const top = ast.body?.[0];
  const root: Extract<DataValue, { kind: 'map' }> = { kind: 'map', range: range(file, offset, offset + text.length), entries: [] };
  for (const node of top?.body ?? []) {
    if (node.type === 'TOMLKeyValue') {
      assignKeyValue(file, text, root, node, offset);
      continue;
    }
    if (node.type !== 'TOMLTable') continue;
    const path = (node.resolvedKey ?? []).filter((k): k is string => typeof k === 'string');
    const at = range(file, node.range[0] + offset, node.range[1] + offset);
    let parent = root;
    for (const key of path.slice(0, -1)) parent = childMap(parent, key, at);
    const last = path[path.length - 1];
    let table: Extract<DataValue, { kind: 'map' }>;
    if (node.kind === 'array') {
      let list = parent.entries.find((e) => e.key === last)?.value;
      if (!list || list.kind !== 'list') {
        list = { kind: 'list', range: at, items: [] };
        parent.entries.push({ key: last, keyRange: at, value: list });
      }
      table = { kind: 'map', range: at, entries: [] };
      list.items.push(table);
      list.range = { file, start: Math.min(list.range.start, at.start), end: Math.max(list.range.end, at.end) };
    } else {
      table = childMap(parent, last, at);
      table.range = at;
    }
    for (const kv of node.body ?? []) assignKeyValue(file, text, table, kv, offset);
  }
  return { file, format: 'toml', root };
}

/**
 * A JSON value or a JS literal (an array of plans in a page's script, a module's `export const
 * faqs = […]`) as data: objects, arrays, strings in their own quoting and numbers, each with the
 * file's offsets. Anything computed (a call, a variable, JSX) is `other`, never followed.
 */
export function scriptData(project: Project, file: string, node: t.Node): DataValue {
  const at = range(file, node.start ?? 0, node.end ?? 0);
  switch (node.type) {
    case 'ObjectExpression': {
      const entries: DataEntry[] = [];
      for (const p of node.properties) {
        if (p.type !== 'ObjectProperty') continue;
        const key = p.key.type === 'StringLiteral' ? p.key.value : p.key.type === 'Identifier' && !p.computed ? p.key.name : undefined;
        if (key !== undefined) entries.push({ key, keyRange: range(file, p.key.start ?? 0, p.key.end ?? 0), value: scriptData(project, file, p.value) });
      }
      return { kind: 'map', range: at, entries };
    }
    case 'ArrayExpression':
      return { kind: 'list', range: at, items: node.elements.filter((e): e is NonNullable<typeof e> => e !== null && e.type !== 'SpreadElement').map((e) => scriptData(project, file, e)) };
    case 'StringLiteral':
    case 'TemplateLiteral': {
      const slot = node.type === 'StringLiteral' || node.expressions.length === 0 ? stringSlot(project, file, node, false) : undefined;
      const value = node.type === 'StringLiteral' ? node.value : (node.quasis[0]?.value.cooked ?? '');
      return slot ? { kind: 'string', range: at, value, slot } : { kind: 'other', range: at, value: null };
    }
    case 'NumericLiteral': {
      const source = (project.text(file) ?? '').slice(at.start, at.end);
      return { kind: 'other', range: at, value: node.value, ...(NUMBER.test(source) ? { slot: { file, start: at.start, end: at.end, raw: source, syntax: 'number' as const } } : {}) };
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return scriptData(project, file, node.expression);
    default:
      return { kind: 'other', range: at, value: node.type === 'BooleanLiteral' ? node.value : null };
  }
}

/** JSON through Babel (already loaded): objects, arrays, strings and numbers with the file's offsets. */
export function parseJson(project: Project, file: string): DataDocument | undefined {
  const value = project.json(file);
  if (!value) return undefined;
  return { file, format: 'json', root: scriptData(project, file, value) };
}

const documents = new WeakMap<Project, Map<string, DataDocument | null>>();

/** A data file of the repository (`.yml`, `.yaml`, `.toml`, `.json`), parsed once per snapshot. */
export function dataDocument(project: Project, file: string): DataDocument | undefined {
  let cache = documents.get(project);
  if (!cache) {
    cache = new Map();
    documents.set(project, cache);
  }
  if (cache.has(file)) return cache.get(file) ?? undefined;
  const text = project.text(file);
  let document: DataDocument | undefined;
  if (text !== undefined) {
    try {
      if (/\.ya?ml$/.test(file)) document = parseYaml(file, text);
      else if (file.endsWith('.toml')) document = parseToml(file, text);
      else if (file.endsWith('.json')) document = parseJson(project, file);
    } catch (error) {
      project.noteProblem(file, error);
      document = undefined;
    }
  }
  cache.set(file, document ?? null);
  return document;
}

export interface FrontMatter {
  document?: DataDocument;
  /** Where the page's body starts, after the closing fence. */
  bodyStart: number;
  format?: 'yaml' | 'toml';
}

/** The front matter of a Markdown or HTML page (`---` YAML, `+++` TOML) and where the body starts. */
export function frontMatter(project: Project, file: string): FrontMatter {
  const text = project.text(file) ?? '';
  const match = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { bodyStart: 0 };
  const offset = match[1].length + (text[match[1].length] === '\r' ? 2 : 1);
  const content = match[2];
  const format = match[1] === '---' ? 'yaml' : 'toml';
  let document: DataDocument | undefined;
  try {
    document = format === 'yaml' ? parseYaml(file, content, offset) : parseToml(file, content, offset);
  } catch (error) {
    const line = (error as { line?: number }).line;
    project.noteProblem(file, Object.assign(error as object, { line: line !== undefined ? line + 1 : undefined }));
    document = undefined;
  }
  return { ...(document ? { document } : {}), bodyStart: match[0].length, format };
}

/** The value at a path of keys (`['params', 'description']`), or undefined. */
export function valueAt(value: DataValue | undefined, path: readonly string[]): DataValue | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind !== 'map') return undefined;
    current = current.entries.find((e) => e.key === key)?.value;
  }
  return current;
}

export const stringAt = (value: DataValue | undefined, path: readonly string[]): Extract<DataValue, { kind: 'string' }> | undefined => {
  const found = valueAt(value, path);
  return found?.kind === 'string' ? found : undefined;
};

const LABEL_KEYS = ['name', 'title', 'label', 'text'];
const TARGET_KEYS = ['url', 'link', 'href', 'pageRef', 'path', 'to', 'slug'];

/**
 * A list of link entries in data (`_data/navigation.yml`, Hugo's `[[menu.main]]`, a JSON nav):
 * label and target slots per entry, and the numbered or named fields a copy must not repeat
 * (`identifier`, `weight`).
 */
export function dataLinks(project: Project, list: DataValue | undefined, name: string): LinksArray | undefined {
  if (list?.kind !== 'list' || list.items.length === 0) return undefined;
  const entries: LinkEntry[] = [];
  for (const item of list.items) {
    if (item.kind !== 'map') return undefined;
    const keys = item.entries.map((e) => e.key);
    const labelKey = LABEL_KEYS.find((k) => keys.includes(k));
    const targetKey = TARGET_KEYS.find((k) => keys.includes(k));
    const label = labelKey ? item.entries.find((e) => e.key === labelKey)?.value : undefined;
    const target = targetKey ? item.entries.find((e) => e.key === targetKey)?.value : undefined;
    if (label?.kind !== 'string' || !label.slot || target?.kind !== 'string' || !target.slot || !targetKey) return undefined;
    const identifier = item.entries.find((e) => e.key === 'identifier' || e.key === 'id')?.value;
    entries.push({
      range: item.range,
      label: label.slot,
      labelValue: label.value,
      target: target.slot,
      targetValue: target.value,
      targetKey,
      keys,
      ...(identifier?.kind === 'string' && identifier.slot ? { identifier: identifier.slot } : {}),
      ...(numberField(project, item, 'weight') ?? {}),
    });
  }
  return { range: list.range, line: project.line(list.range.file, list.range.start), labelKey: LABEL_KEYS.find((k) => entries[0].keys.includes(k)) ?? 'name', targetKey: entries[0].targetKey, targetIsAnchorId: false, entries, name };
}

function numberField(project: Project, item: Extract<DataValue, { kind: 'map' }>, key: string): { order: { start: number; end: number; value: number } } | undefined {
  const value = item.entries.find((e) => e.key === key)?.value;
  if (value?.kind !== 'other' || typeof value.value !== 'number' && typeof value.value !== 'bigint') return undefined;
  const text = (project.text(value.range.file) ?? '').slice(value.range.start, value.range.end);
  return /^\d+$/.test(text.trim()) ? { order: { start: value.range.start, end: value.range.end, value: Number(text.trim()) } } : undefined;
}
