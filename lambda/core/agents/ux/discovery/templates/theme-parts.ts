import type { Project } from '../project';
import type { SourceRange, UiChild, UiNode } from '../ui-tree';
import type { DataValue } from './data-files';
import { element, syntheticNode } from './synthetic';

/**
 * Pieces of a page that a theme outside the repository draws from the site's settings (a Jekyll
 * theme gem from `_config.yml`, a Hugo theme from `hugo.toml`, VitePress from its config and front
 * matter): each element is placed at the setting it shows, and each text is that setting's slot,
 * so an edit changes the setting in its own file and format.
 */

/** A setting shown as text by the theme: its words, changed where the setting is written. */
export function settingText(value: DataValue | undefined): UiChild[] {
  if (value?.kind !== 'string' || !value.slot) return [];
  return [{ kind: 'string', slot: value.slot, value: value.value, viaConfig: true, display: value.value }];
}

/** An element the theme draws, placed at `at` (the setting it shows, or the settings file). */
export function themeNode(project: Project, at: SourceRange, tag: string, children: UiChild[], attributes: Record<string, string> = {}, options: { styleVariables?: UiNode['styleVariables'] } = {}): UiNode {
  return syntheticNode(tag, at, children, { attributes, line: project.line(at.file, at.start), ...options });
}

/** The same, as a child. */
export const themeChild = (project: Project, at: SourceRange, tag: string, children: UiChild[], attributes: Record<string, string> = {}): UiChild => element(themeNode(project, at, tag, children, attributes));

/** A setting's words as an element of its own (`tag`) at the setting, or nothing when the setting is not a text. */
export const settingElement = (project: Project, value: DataValue | undefined, tag: string, attributes: Record<string, string> = {}): UiChild[] =>
  value?.kind === 'string' ? [themeChild(project, value.range, tag, settingText(value), attributes)] : [];

/** The start of a file, for elements the theme draws whatever the settings say. */
export const fileStart = (file: string): SourceRange => ({ file, start: 0, end: 0 });
