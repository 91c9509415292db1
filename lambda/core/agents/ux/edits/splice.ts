import { EditError } from './edit-error';

/** One replacement of characters `start`–`end` of a file by `text`, computed against the base content. */
export interface Splice {
  file: string;
  start: number;
  end: number;
  text: string;
}

/** Applies splices to one file's base content, last first so earlier offsets stay valid; overlapping splices are refused. */
export function applySplices(content: string, splices: readonly Splice[], path?: string): string {
  const stray = path ? splices.find((s) => s.file !== path) : undefined;
  if (stray) throw new EditError(`An edit meant for ${stray.file} was about to be written into ${path}, so nothing was changed.`);
  const ordered = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = content;
  let floor = Number.POSITIVE_INFINITY;
  for (const splice of ordered) {
    if (splice.end > floor || splice.start < 0 || splice.end > content.length || splice.start > splice.end) {
      throw new EditError(`Two of the requested changes touch the same place in ${splice.file}; ask for them one at a time.`);
    }
    out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
    floor = splice.start;
  }
  return out;
}
