import type { LinkToAdd } from '../intent';
import type { MapPropertySpec } from '../site-map';
import { editCssVariable, readCssVariable } from './css-variable';
import { EditError } from './edit-error';
import { editJsxText, readJsxText } from './jsx-text';
import { addLinks, readLinks } from './links-array';

export { EditError } from './edit-error';

export type EditValue = { kind: 'text' | 'color'; value: string } | { kind: 'links'; add: readonly LinkToAdd[] };

/** The current value at the spec's location, as a person would read it. */
export function readValue(source: string, spec: MapPropertySpec, markerAttribute: string): string {
  switch (spec.edit) {
    case 'jsx-text':
      return readJsxText(source, spec.file, markerAttribute, spec.marker);
    case 'css-variable':
      return readCssVariable(source, spec.file, spec.variable);
    case 'links-array':
      return readLinks(source, spec.file, spec.variable)
        .map((l) => `${l.label}:${l.href}`)
        .join(', ');
  }
}

/** Applies one formatting-preserving edit and returns the new file content. Throws EditError. */
export function applyEdit(source: string, spec: MapPropertySpec, markerAttribute: string, edit: EditValue): string {
  if (spec.edit === 'links-array') {
    if (edit.kind !== 'links') throw new EditError(`${spec.variable} in ${spec.file} is a list of links; add to it with add-link.`);
    const before = readLinks(source, spec.file, spec.variable);
    const after = addLinks(source, spec.file, spec.variable, edit.add);
    const readBack = readLinks(after, spec.file, spec.variable);
    if (JSON.stringify(readBack) !== JSON.stringify([...before, ...edit.add])) {
      throw new EditError(`The new links in ${spec.file} did not read back as written, so the file was not changed.`);
    }
    return after;
  }
  if (edit.kind === 'links') throw new EditError(`Links cannot be added to ${spec.file}: the site map does not describe a links array there.`);
  if (spec.edit === 'css-variable') {
    const after = editCssVariable(source, spec.file, spec.variable, edit.value);
    if (readCssVariable(after, spec.file, spec.variable) !== edit.value) throw new EditError(`The new value of ${spec.variable} in ${spec.file} did not read back as written.`);
    return after;
  }
  return editJsxText(source, spec.file, markerAttribute, spec.marker, edit.value);
}
