import { applyEdit, EditError, readValue, type EditValue } from './edits';
import { inlineCode } from '../../domain/discord-text';
import type { SiteMap } from './site-map';
import type { ValidatedIntent } from './validate';

export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** What one property looked like before, and will look like after. */
export interface ChangeLine {
  property: string;
  kind: 'text' | 'color' | 'links';
  from: string;
  to: string;
  /** The colour name the person wrote (e.g. "red" for #ff0000), shown beside the hex value. */
  named?: string;
}

export type Plan = { ok: true; files: FileChange[]; lines: ChangeLine[] } | { ok: false; message: string };

/** Reads a file of the base branch; undefined when it does not exist. */
export type ReadBaseFile = (path: string) => Promise<string | undefined>;

/**
 * Applies the intent's edits in memory to the files of the base branch. Edits to one file are
 * applied one after another on the fresh content, so their offsets never go stale.
 */
export async function planEdits(intent: ValidatedIntent, siteMap: SiteMap, readFile: ReadBaseFile, where: string): Promise<Plan> {
  const section = siteMap.sections[intent.section];
  const work: Array<{ property: string; edit: EditValue; named?: string }> = intent.changes.map((c) => ({
    property: c.property,
    edit: { kind: c.kind, value: c.value },
    ...(c.kind === 'color' && !c.requested.startsWith('#') ? { named: c.requested.toLowerCase().replace(/[\s_-]+/g, '') } : {}),
  }));
  if (intent.linksProperty && intent.addLinks.length > 0) work.push({ property: intent.linksProperty, edit: { kind: 'links', add: intent.addLinks } });
  const contents = new Map<string, { before: string; after: string }>();
  const lines: ChangeLine[] = [];
  for (const { property, edit, named } of work) {
    const spec = section.properties[property];
    let file = contents.get(spec.file);
    if (!file) {
      const text = await readFile(spec.file);
      if (text === undefined) {
        return { ok: false, message: `The site map says ${intent.section} ${property} lives in ${inlineCode(spec.file)}, but that file does not exist on ${where}. Fix the site map (${inlineCode('.valine/ux-map.json')}) or the repository.` };
      }
      file = { before: text, after: text };
      contents.set(spec.file, file);
    }
    try {
      const from = readValue(file.after, spec, siteMap.markerAttribute);
      file.after = applyEdit(file.after, spec, siteMap.markerAttribute, edit);
      const to = edit.kind === 'links' ? edit.add.map((l) => `${l.label}:${l.href}`).join(', ') : edit.value;
      lines.push({ property, kind: edit.kind, from, to, ...(named ? { named } : {}) });
    } catch (error) {
      if (error instanceof EditError) return { ok: false, message: `${error.message} (Looked on ${where}.)` };
      throw error;
    }
  }
  const files = [...contents].map(([path, c]) => ({ path, before: c.before, after: c.after })).filter((f) => f.before !== f.after);
  return { ok: true, files, lines };
}
