import type { SourceRange, UiChild, UiNode } from '../ui-tree';

/**
 * Elements a site's theme renders from configuration (a Docusaurus navbar, a Hugo menu): they
 * exist in no template of the repository, so the adapter describes them as the tree the theme
 * would render, each piece pointing at the configuration value it shows.
 */
export function syntheticNode(tag: string, range: SourceRange, children: UiChild[], options: { attributes?: Record<string, string>; styleVariables?: UiNode['styleVariables']; line?: number } = {}): UiNode {
  return {
    file: range.file,
    tag,
    range,
    attributeInsertAt: range.start,
    openingEnd: range.start,
    line: options.line ?? 1,
    attributes: options.attributes ?? {},
    classSlots: [],
    classUnresolved: false,
    // Nothing to add a class to: the theme renders the element.
    hasClassAttribute: true,
    children,
    syntax: 'html',
    selfClosing: false,
    configured: true,
    ...(options.styleVariables ? { styleVariables: options.styleVariables } : {}),
  };
}

export const element = (node: UiNode): UiChild => ({ kind: 'element', node });
