import type { UiNode } from '../discovery/ui-tree';
import type { Splice } from './splice';

/**
 * Where one class is added to an element that has none of the kind: at the end of its class
 * string, as one more argument of its `cn()`/`clsx()` call, or as a new attribute when it has
 * no class attribute at all. Undefined when the classes are computed in a way that cannot take one.
 */
export function addClassSplice(node: UiNode, added: string): Splice | undefined {
  const slot = node.classSlots.find((s) => !s.conditional && s.raw.trim() !== '');
  if (slot?.unquoted) return { file: slot.file, start: slot.start, end: slot.end, text: `"${slot.raw} ${added}"` };
  if (slot) return { file: slot.file, start: slot.end, end: slot.end, text: /\s$/.test(slot.raw) ? `${added} ` : ` ${added}` };
  if (node.classCallAt !== undefined) return { file: node.file, start: node.classCallAt, end: node.classCallAt, text: `, "${added}"` };
  if (!node.hasClassAttribute) {
    const attribute = node.syntax === 'jsx' ? ` className="${added}"` : ` class="${added}"`;
    return { file: node.file, start: node.attributeInsertAt, end: node.attributeInsertAt, text: attribute };
  }
  return undefined;
}
