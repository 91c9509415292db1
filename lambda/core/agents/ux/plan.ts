import type { FileChange } from '../../domain/diff';
import { applyEdit, EditError, readValue, type EditValue } from './edits';
import { inlineCode, shorten } from '../../domain/discord-text';
import { ancestorsOf, type MarkupGroup, type SiteModel, type Target } from './discovery/site-model';
import type { TextBlock } from './discovery/text-blocks';
import type { UiNode } from './discovery/ui-tree';
import { classColorEdit, classTokens, type ClassToken } from './edits/class-color';
import { cssColorEdit } from './edits/css-color';
import { customPropertyEdit } from './edits/custom-property';
import { brandColorEdit } from './edits/brand-color';
import { bulmaColorEdit } from './edits/bulma-color';
import { addLinkSplices, firstLinkOptions, LinkNotFoundError, linkLabels, removeLinkSplice, renameLinkSplice } from './edits/link-list';
import { applySplices, type Splice } from './edits/splice';
import { styleEdit } from './edits/style-step';
import { isColorValue, nearDaisyUiColor, paletteHex, tailwindColor, type ColorChoice } from './edits/tailwind-color';
import { textChange } from './edits/text-change';
import { answerStep, emailStep, priceStep, siteReplaceStep } from './plan-site';
import { seoStep } from './plan-seo';
import { brokenBy } from './edits/verify';
import { listOr } from './suggest';
import { contrastRatio, cssColorHex, isLight } from './color';
import { componentStylesheets } from './discovery/stylesheet';
import type { Theme } from './discovery/theme';
import { ownProperty, type MapPropertySpec, type SiteMap } from './site-map';
import type { ValidatedIntent } from './validate';

export type { FileChange };

/** What one property looked like before, and will look like after. */
export interface ChangeLine {
  property: string;
  kind: 'text' | 'color' | 'links' | 'style';
  from: string;
  to: string;
  /** The colour name the person wrote (e.g. "red" for #ff0000), shown beside the value. */
  named?: string;
  /** The colour written, as #rrggbb, when `to` is a class name (`bg-blue-800`). */
  hex?: string;
  /** Where the change is made, e.g. `src/layouts/MarketingLayout.jsx:72`. */
  at?: string;
}

export interface PlannedChange {
  section: string;
  files: FileChange[];
  lines: ChangeLine[];
  /** Sentences the preview shows under the changes (what was kept, where the text really lives). */
  notes: string[];
  /** The splices against the base that make `files`: a task of several changes combines them (agents/ux/bundle.ts). */
  splices?: Splice[];
}

export interface PlanOption {
  /** Select-menu label, e.g. `"Sign up" in src/layouts/MarketingLayout.jsx:135`. */
  label: string;
  description: string;
  plan: PlannedChange;
}

export type Plan =
  | ({ ok: true } & PlannedChange)
  | { ok: false; message: string }
  /** `found`: how many places matched, when more than the options listed. */
  | { ok: 'choice'; question: string; options: PlanOption[]; found?: number }
  /** Nothing to edit where the person pointed, but something to say about what is there: a question, no buttons. */
  | { ok: 'question'; question: string };

/** Reads a file of the base branch; undefined when it does not exist. */
export type ReadBaseFile = (path: string) => Promise<string | undefined>;

/** One way to make one requested change. */
export interface Alternative {
  splices: Splice[];
  line: ChangeLine;
  note?: string;
  label: string;
  description: string;
  /** True when this alternative must be confirmed by picking it (e.g. it removes links). */
  needsChoice?: boolean;
  section?: string;
}

export type Step = { ok: true; alternatives: Alternative[]; question?: string; found?: number } | { ok: false; message: string; question?: boolean };

const MAX_CHOICES = 25;
export const fail = (message: string): Step => ({ ok: false, message });
const locationOf = (target: Target) => `${target.file}:${target.line}`;

/** The smallest splice turning `before` into `after` (for edits that return a whole file). */
function diffSplice(file: string, before: string, after: string): Splice {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { file, start, end: before.length - end, text: after.slice(start, after.length - end) };
}

export async function planEdits(intent: ValidatedIntent, siteMap: SiteMap, model: SiteModel | undefined, readFile: ReadBaseFile, where: string): Promise<Plan> {
  const steps: Step[] = [];
  const section = intent.section ? siteMap.sections[intent.section] : undefined;
  const discovered = (property: string) => (model && intent.section ? ownProperty(model.sections, intent.section)?.properties[property] : undefined);
  const sectionLabel = intent.section || 'page';

  for (const change of intent.changes) {
    const spec = section?.properties[change.property];
    if (!spec) continue;
    if (spec.edit !== 'discovered') {
      steps.push(await mapStep(spec, siteMap, readFile, where, intent.section, change.property, { kind: change.kind, value: change.value }, change.kind === 'color' && !change.requested.startsWith('#') ? change.requested : undefined));
      continue;
    }
    const property = discovered(change.property);
    if (!model || !property) {
      steps.push(fail(`Nothing was found for the ${sectionLabel} ${change.property} on ${where}.`));
      continue;
    }
    // The title and description search engines show: a named page's own, else the site's (asked when a visitor reads it too).
    if (intent.section === 'seo' && change.kind === 'text' && (change.property === 'title' || change.property === 'description') && (intent.page || property.targets.length > 0)) {
      steps.push(seoStep(model, change.property, change.value, intent.page, property.targets, where));
      continue;
    }
    if (property.targets.length === 0) {
      steps.push(property.refusal ? fail(property.refusal) : property.hint ? { ok: false, message: property.hint, question: true } : fail(nothingFound(model, intent.section, change.property, where)));
      continue;
    }
    if (change.kind === 'text' && property.together) {
      steps.push(togetherStep(model, property.targets, change.property, change.value, intent.section));
      continue;
    }
    steps.push(change.kind === 'color' ? colorStep(model, property.targets, change.property, change.value, change.requested, intent.section) : textStep(model, property.targets, change.property, change.value, intent.section));
  }

  if (intent.linksProperty && (intent.addLinks.length > 0 || intent.removeLinks.length > 0 || intent.renameLinks.length > 0)) {
    const spec = section?.properties[intent.linksProperty];
    if (spec && spec.edit !== 'discovered') {
      if (intent.removeLinks.length > 0 || intent.renameLinks.length > 0) {
        steps.push(fail(`The site map describes ${intent.section} links as the array ${inlineCode(spec.edit === 'links-array' ? spec.variable : intent.linksProperty)}, to which links can only be added; remove or rename them in the code, or drop the links entry from .valine/ux-map.json so discovery handles them.`));
      } else {
        steps.push(await mapStep(spec, siteMap, readFile, where, intent.section, intent.linksProperty, { kind: 'links', add: intent.addLinks }));
      }
    } else {
      const found = discovered(intent.linksProperty);
      const targets = found?.targets ?? [];
      steps.push(model ? (targets.length === 0 && found?.refusal ? fail(found.refusal) : linksStep(model, targets, intent, where)) : fail(`No links were found in the ${intent.section}.`));
    }
  }

  for (const style of intent.styles) {
    const targets = discovered(style.property)?.targets ?? [];
    if (!model || targets.length === 0) {
      steps.push(fail(model ? nothingFound(model, intent.section, style.property, where) : `Style changes need the site's structure, which discovery did not find on ${where}.`));
      continue;
    }
    const alternatives: Alternative[] = [];
    let message = '';
    for (const target of targets) {
      if (target.edit.kind !== 'text') continue;
      const result = styleEdit(model, target.edit.block.node, style.step, model.theme);
      if (!result.ok) {
        message ||= result.message;
        continue;
      }
      alternatives.push({ splices: result.splices, line: { property: style.property, kind: 'style', from: result.from, to: result.to, at: locationOf(target) }, label: target.label, description: `${style.step}: ${result.to}`, ...(result.note ? { note: result.note } : {}) });
    }
    steps.push(alternatives.length > 0 ? { ok: true, alternatives } : fail(message || `The ${intent.section} ${style.property} cannot be made ${style.step}.`));
  }

  if (intent.replaceText) steps.push(model ? siteReplaceStep(model, intent.replaceText.from, intent.replaceText.to, intent.section, where, intent.page) : fail(`Text is looked for by discovery, which found no pages on ${where}.`));
  if (intent.price) steps.push(model ? priceStep(model, intent.price, where, intent.page) : fail(`Prices are looked for by discovery, which found no pages on ${where}.`));
  if (intent.answer) steps.push(model ? answerStep(model, intent.answer, where, intent.page) : fail(`Answers are looked for by discovery, which found no pages on ${where}.`));
  if (intent.email) steps.push(model ? emailStep(model, intent.email, where, intent.page) : fail(`The e-mail address is looked for by discovery, which found no pages on ${where}.`));

  const failed = steps.find((s): s is Extract<Step, { ok: false }> => !s.ok);
  if (failed) return failed.question ? { ok: 'question', question: failed.message } : { ok: false, message: failed.message };
  const ok = steps as Array<Extract<Step, { ok: true }>>;
  const ambiguous = ok.filter((s) => s.alternatives.length > 1 || s.alternatives.some((a) => a.needsChoice));
  if (ambiguous.length > 1) {
    return { ok: false, message: `Several of the requested changes match more than one place; ask for them one at a time so I can ask which place each time.` };
  }
  const fixed = ok.filter((s) => !ambiguous.includes(s)).map((s) => s.alternatives[0]);
  const combine = async (alternatives: Alternative[]): Promise<{ ok: true; plan: PlannedChange } | { ok: false; message: string }> => {
    const bySection = alternatives.find((a) => a.section)?.section ?? sectionLabel;
    try {
      return { ok: true, plan: await apply(bySection, alternatives, readFile, where) };
    } catch (error) {
      if (error instanceof EditError) return { ok: false, message: `${error.message} (Looked on ${where}.)` };
      throw error;
    }
  };
  if (ambiguous.length === 0) {
    const result = await combine(fixed);
    return result.ok ? { ok: true, ...result.plan } : result;
  }
  const step = ambiguous[0];
  const options: PlanOption[] = [];
  let lastError = '';
  for (const alternative of step.alternatives.slice(0, MAX_CHOICES)) {
    const result = await combine([...fixed, alternative]);
    if (result.ok) options.push({ label: alternative.label, description: alternative.description, plan: result.plan });
    else lastError = result.message;
  }
  if (options.length === 0) return { ok: false, message: lastError };
  const property = step.alternatives[0].line.property;
  const question = step.question ?? (options.length === 1
    ? `Before I prepare this: replacing ${step.alternatives[0].label} ${step.alternatives[0].description.replace(/^replaces the whole text, /, 'also means ')}. Pick it below to see the preview, or ask again in other words.`
    : `The ${sectionLabel} ${property} matches ${options.length} places. Which one should change? Pick it below to see its preview.`);
  const found = Math.max(step.found ?? 0, step.alternatives.length);
  return { ok: 'choice', question, options, ...(found > options.length ? { found } : {}) };
}

async function apply(section: string, alternatives: readonly Alternative[], readFile: ReadBaseFile, where: string): Promise<PlannedChange> {
  const byFile = new Map<string, Splice[]>();
  for (const a of alternatives) for (const s of a.splices) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const files: FileChange[] = [];
  const contents = new Map<string, string>();
  for (const [path] of byFile) {
    const before = await readFile(path);
    if (before === undefined) throw new EditError(`${path} does not exist on ${where}.`);
    contents.set(path, before);
  }
  // A requested change that writes what is already there is not listed as a change.
  const changes = (a: Alternative) => a.splices.some((s) => (contents.get(s.file) ?? '').slice(s.start, s.end) !== s.text);
  for (const [path, splices] of byFile) {
    const before = contents.get(path) as string;
    const after = applySplices(before, splices, path);
    const broken = brokenBy(path, before, after);
    if (broken) throw new EditError(broken);
    if (after !== before) files.push({ path, before, after });
  }
  const effective = alternatives.filter(changes);
  const notes = [...new Set(effective.map((a) => a.note).filter((n): n is string => n !== undefined))];
  return { section, files, lines: effective.map((a) => a.line), notes, splices: alternatives.flatMap((a) => a.splices) };
}

/** A property written in `.valine/ux-map.json`: the marker, CSS variable or links array it names. */
async function mapStep(spec: MapPropertySpec, siteMap: SiteMap, readFile: ReadBaseFile, where: string, section: string, property: string, edit: EditValue, named?: string): Promise<Step> {
  const text = await readFile(spec.file);
  if (text === undefined) {
    return fail(`The site map says ${section} ${property} lives in ${inlineCode(spec.file)}, but that file does not exist on ${where}. Fix the site map (${inlineCode('.valine/ux-map.json')}) or the repository.`);
  }
  try {
    const from = readValue(text, spec, siteMap.markerAttribute);
    const after = applyEdit(text, spec, siteMap.markerAttribute, edit);
    const to = edit.kind === 'links' ? edit.add.map((l) => `${l.label}:${l.href}`).join(', ') : edit.value;
    return {
      ok: true,
      alternatives: [{ splices: [diffSplice(spec.file, text, after)], line: { property, kind: edit.kind, from, to, ...(named ? { named: named.toLowerCase().replace(/[\s_-]+/g, ' ') } : {}) }, label: spec.file, description: spec.file }],
    };
  } catch (error) {
    if (error instanceof EditError) return fail(`${error.message} (Looked on ${where}.)`);
    throw error;
  }
}

function textStep(model: SiteModel, targets: readonly Target[], property: string, value: string, section: string): Step {
  const alternatives: Alternative[] = [];
  let message = '';
  for (const target of targets) {
    if (target.edit.kind !== 'text') continue;
    const result = textChange(model.project, target.edit.block, value);
    if (!result.ok) {
      message ||= result.message;
      continue;
    }
    const block = target.edit.block;
    const edit = block.edit;
    // A config value the page shows in another landmark too (the hero reusing the site title): ask where it should change.
    // (Not a translation: writing words in place of t('…') would take the text out of every language.)
    const slot = edit?.kind === 'string' && edit.viaConfig && edit.container && !edit.slot.file.endsWith('.json') ? edit.slot : undefined;
    const sameSlot = (edit: TextBlock['edit']) => slot !== undefined && edit?.kind === 'string' && edit.slot.file === slot.file && edit.slot.start === slot.start;
    const sharedWith: string[] = slot ? model.blocks.filter((b) => b.block !== block && sameSlot(b.block.edit) && regionOf(model, b.block) !== regionOf(model, block)).map((b) => b.where) : [];
    // The site's title or description for search engines, when the page shows the same setting.
    if (section !== 'seo') for (const place of model.seo) if (sameSlot(place.block.edit)) sharedWith.push(place.field === 'title' ? 'site title in search results and the browser tab' : 'description search engines show');
    if (slot && sharedWith.length > 0) {
      const here = textChange(model.project, block, value, { inPlace: true });
      const others = sharedWith.filter((w, i, all) => all.indexOf(w) === i).join(', ');
      alternatives.push({ splices: [result.splice], line: { property, kind: 'text', from: result.from, to: result.to, at: locationOf(target) }, label: `Everywhere (also the ${others})`, description: `change ${slot.file}:${model.project.line(slot.file, slot.start)}`, needsChoice: true, ...(result.note ? { note: result.note } : {}), section });
      if (here.ok) alternatives.push({ splices: [here.splice], line: { property, kind: 'text', from: here.from, to: here.to, at: `${here.splice.file}:${model.project.line(here.splice.file, here.splice.start)}` }, label: `Only in the ${section}`, description: `write the text in ${here.splice.file}`, needsChoice: true, ...(here.note ? { note: here.note } : {}), section });
      continue;
    }
    // Replacing words that hold a link or an expression removes them: asked first, unless a copyright holder is replaced behind its © and year.
    const removes = result.removed.length > 0 && (!result.copyrightKept || result.replacesLeadingLink === true);
    alternatives.push({
      splices: [result.splice],
      line: { property, kind: 'text', from: result.from, to: result.to, at: locationOf(target) },
      label: JSON.stringify(shorten(target.current, 60)),
      description: removes ? `replaces the whole text, removing ${result.removed.slice(0, 3).join(', ')}${result.removed.length > 3 ? '…' : ''} (${target.file}:${target.line})` : `${target.file}:${target.line}`,
      ...(removes ? { needsChoice: true } : {}),
      ...(result.note ? { note: result.note } : {}),
      section,
    });
  }
  return alternatives.length > 0 ? { ok: true, alternatives } : fail(message || `No text of the ${section} ${property} can be changed.`);
}

/** One value kept in several places (a site title in the settings and in `ogTitle`): one change that writes it in each. */
function togetherStep(model: SiteModel, targets: readonly Target[], property: string, value: string, section: string): Step {
  const splices: Splice[] = [];
  const places: string[] = [];
  let from = '';
  for (const target of targets) {
    if (target.edit.kind !== 'text') continue;
    const result = textChange(model.project, target.edit.block, value, { copyright: false });
    if (!result.ok) return fail(result.message);
    splices.push(result.splice);
    places.push(target.label);
    from ||= result.from;
  }
  if (splices.length === 0) return fail(`No ${section} ${property} was found to change.`);
  const note = places.length > 1 ? `The same ${property} is written in ${places.length} places, all changed: ${places.slice(0, 4).join('; ')}.` : undefined;
  return { ok: true, alternatives: [{ splices, line: { property, kind: 'text', from, to: value.trim(), at: locationOf(targets[0]) }, label: targets[0].label, description: places.join('; '), ...(note ? { note } : {}), section }] };
}

function colorStep(model: SiteModel, targets: readonly Target[], property: string, hex: string, requested: string, section: string): Step {
  const alternatives: Alternative[] = [];
  let message = '';
  let stateQuestion: string | undefined;
  const named = requested.startsWith('#') ? undefined : requested.toLowerCase();
  for (const target of targets) {
    if (target.edit.kind === 'brand') {
      const result = brandColorEdit(target.edit.scale, hex, requested);
      if (!result.ok) {
        message ||= result.message;
        continue;
      }
      const { scale } = target.edit;
      const shades = result.changed.length - 1;
      const note = [
        result.shadesNote ?? (shades > 0 ? `Its ${shades} shade${shades === 1 ? '' : 's'} and dark-mode twin${shades === 1 ? '' : 's'} change with it, each as much lighter or darker relative to it as before (${result.changed.filter((t) => !t.base || t.dark).slice(0, 4).map((t) => t.name).join(', ')}${shades > 4 ? '…' : ''}).` : undefined),
        scale.uses > 0 ? `Everything that uses the brand colour changes: it is named in ${scale.uses} file${scale.uses === 1 ? '' : 's'} of the site.` : undefined,
        ...scale.tokens.filter((t) => t.resolved && result.changed.includes(t)).slice(0, 1).map((t) => `${t.name} was ${t.value}; ${t.value} itself keeps ${t.resolved} wherever else it is used.`),
      ].filter(Boolean).join(' ');
      alternatives.push({ splices: result.splices, line: { property, kind: 'color', from: result.from, to: result.to, hex, ...(named ? { named } : {}), at: locationOf(target) }, label: target.label, description: `${target.file}:${target.line}`, ...(note ? { note } : {}), ...(targets.length > 1 ? { needsChoice: true } : {}), section });
      continue;
    }
    if (target.edit.kind !== 'color') continue;
    const { node, role } = target.edit;
    // Rendered by the theme from configuration: its colour is the theme's custom property, set in the site's stylesheet.
    const variable = node.styleVariables?.[role];
    if (node.styleVariables && variable) {
      const result = customPropertyEdit(model.project, node.styleVariables.stylesheets, variable, hex, node.styleVariables.scope?.[role]);
      if (!result.ok) {
        message ||= result.message;
        continue;
      }
      alternatives.push({ splices: result.splices, line: { property, kind: 'color', from: result.from, to: hex, hex, ...(named ? { named } : {}), at: `${result.file}:${result.line}` }, label: target.label, description: `${variable} in ${result.file}`, ...(result.note ? { note: result.note } : {}), section });
      continue;
    }
    if (node.configured) {
      message ||= model.entry.outsideTheme?.color(section, role) ?? `The ${section} is drawn by the site's theme from its configuration, and the UX Agent knows no variable of the theme that sets its ${role === 'background' ? 'background' : 'text colour'}; change it in the site's stylesheet.`;
      continue;
    }
    // An inline style beats every class and rule: change it where it is.
    if (role === 'text' && model.theme.tailwind) {
      // Texts inside that set their own colour would not follow the landmark's: they change with it
      // (buttons and badges, which carry a background of their own, keep theirs).
      const inner = innerTextColors(node, model);
      if (inner.length > 0) {
        const own = classColorEdit(node, role, hex, requested, model.theme, section);
        if (!own.ok) {
          message ||= own.message;
          continue;
        }
        const choice = tailwindColor(hex, requested, undefined, model.theme);
        const innerSplices = inner.map((t) => ({ file: t.slot.file, start: t.start, end: t.end, text: `text-${choice.value}${t.opacity}` }));
        const changed = [...new Set(inner.map((t) => t.token))];
        const contrast = contrastNote(node, model, writtenHex(choice, hex));
        alternatives.push({
          splices: [...own.splices, ...innerSplices],
          line: { property, kind: 'color', from: [own.from, ...changed].filter((f) => f !== '(none)').join(' '), to: own.to, hex: writtenHex(choice, hex), ...(named ? { named } : {}), at: locationOf(target) },
          label: target.label,
          description: `${own.to}, and ${inner.length} text colour${inner.length === 1 ? '' : 's'} inside`,
          note: [`The texts inside set their own colours (${changed.slice(0, 4).join(', ')}), so they change too; buttons and badges keep theirs.`, contrast].filter(Boolean).join(' '),
          section,
        });
        continue;
      }
    }
    const ownTokens = classTokens(node).some((t) => (role === 'background' ? t.utility === 'bg' : t.utility === 'text') && t.variants === '');
    const inline = inlineColorEdit(model, ownTokens ? [node] : [node, ...target.edit.fallbacks], role, hex);
    if (inline) {
      alternatives.push({ splices: [inline.splice], line: { property, kind: 'color', from: inline.from, to: hex, hex, ...(named ? { named } : {}), at: inline.at }, label: target.label, description: inline.at, note: 'The colour is set by an inline style, so it is changed there.', section });
      continue;
    }
    const hasTokens = classTokens(node).some((t) => (role === 'background' ? t.utility === 'bg' : t.utility === 'text'));
    if (model.theme.tailwind && (hasTokens || node.classSlots.length > 0 || model.stylesheets.length === 0)) {
      const result = classColorEdit(node, role, hex, requested, model.theme, section);
      if (result.ok) {
        const kept = result.kept.length > 0 ? `Kept as they are: ${result.kept.join(' ')}.` : undefined;
        const shown = writtenHex(result.choice, hex);
        const noteFor = (edit: typeof result, written: string) => {
          const how = edit.choice.how === 'theme token' ? `Written as the site's theme colour ${edit.to}.` : undefined;
          // daisyUI's colours follow the active theme (dark mode included); a palette or arbitrary colour does not.
          const replaced = model.theme.daisyui && edit.choice.how !== 'theme token' ? edit.from.split(' ').find((t) => model.theme.daisyui?.names.includes(t.replace(/^!?[a-z]+-/, '').replace(/\/.*$/, ''))) : undefined;
          const daisy = replaced ? `${replaced} is a daisyUI theme colour, which follows the active theme (dark mode included); ${edit.to} is the same in every theme.` : undefined;
          const readable = role === 'background' ? backgroundContrastNote(node, model, written) : contrastNote(node, model, written);
          return [how, daisy, kept, readable].filter(Boolean).join(' ');
        };
        const note = noteFor(result, shown);
        // A daisyUI theme colour that looks like the one asked for: offer it beside the exact colour.
        const surface = role === 'text' ? classTokens(node).find((t) => t.utility === 'bg' && t.variants === '' && model.theme.daisyui?.names.includes(t.value))?.value : undefined;
        const near = result.choice.how !== 'theme token' ? nearDaisyUiColor(model.theme, shown, role, surface) : undefined;
        const themed = near ? classColorEdit(node, role, near.value, near.value, model.theme, section) : undefined;
        if (near && themed?.ok && themed.choice.how === 'theme token' && themed.from !== themed.to) {
          const themedNote = noteFor(themed, near.hex);
          alternatives.push(
            { splices: result.splices, line: { property, kind: 'color', from: result.from, to: result.to, hex: shown, ...(named ? { named } : {}), at: locationOf(target) }, label: `${result.to}: ${named ?? hex}, the same in every theme`, description: `${result.from} → ${result.to}`, ...(note ? { note } : {}), needsChoice: true, section },
            { splices: themed.splices, line: { property, kind: 'color', from: themed.from, to: themed.to, hex: near.hex, at: locationOf(target) }, label: `${themed.to}: the daisyUI theme's ${near.name} (${near.value})`, description: `${themed.from} → ${themed.to}`, ...(themedNote ? { note: themedNote } : {}), needsChoice: true, section },
          );
          stateQuestion = `The site's daisyUI theme has a colour close to ${named ?? hex}: ${near.name} (${near.value}, the class ${themed.to}), which follows the active theme. Use it, or exactly ${named ?? hex}? Pick it below to see its preview.`;
          continue;
        }
        alternatives.push({ splices: result.splices, line: { property, kind: 'color', from: result.from, to: result.to, hex: shown, ...(named ? { named } : {}), at: locationOf(target) }, label: target.label, description: `${result.from} → ${result.to}`, ...(note ? { note } : {}), section });
        continue;
      }
      message ||= result.message;
      // Its colour depends on a state (transparent at the top, white once scrolled): offer each state, and both.
      if (result.stateful && result.stateful.length > 0) {
        const choice = tailwindColor(hex, requested, undefined, model.theme);
        const shown = writtenHex(choice, hex);
        const states = [...new Map(result.stateful.map((t) => [t.token, t])).values()];
        const write = (tokens: typeof states) => tokens.map((t) => ({ file: t.slot.file, start: t.start, end: t.end, text: `${t.utility}-${choice.value}${t.opacity}` }));
        const options = [...states.map((t) => ({ label: `Where it is ${t.token} now`, tokens: result.stateful?.filter((s) => s.token === t.token) ?? [] })), { label: `Always (${states.map((t) => t.token).join(' and ')})`, tokens: result.stateful }];
        for (const option of options) {
          alternatives.push({ splices: write(option.tokens), line: { property, kind: 'color', from: option.tokens.map((t) => t.token).filter((t, i, all) => all.indexOf(t) === i).join(' / '), to: `${role === 'background' ? 'bg' : 'text'}-${choice.value}`, hex: shown, ...(named ? { named } : {}), at: locationOf(target) }, label: option.label, description: `${target.file}:${target.line}`, needsChoice: true, section });
        }
        stateQuestion = `The ${section}'s ${role === 'background' ? 'background' : 'text colour'} changes with its state (${states.map((t) => t.token).join(' or ')}, ${target.file}:${target.line}). Which should become ${named ?? hex}? Pick it below to see its preview.`;
        continue;
      }
      if (hasTokens) continue;
    }
    // Bulma: a colour class (`navbar is-white`) or a Sass variable (`$navbar-background-color`) colours its components.
    const bulma = model.theme.bulma ? bulmaColorEdit(model.project, cssFiles(model), [node, ...target.edit.fallbacks], role, hex, named) : undefined;
    if (bulma?.ok === 'question') return { ok: false, message: bulma.question, question: true };
    if (bulma) {
      const choices = bulma.ok === 'choice' ? bulma.alternatives : [bulma.alternative];
      for (const choice of choices) {
        alternatives.push({ splices: choice.splices, line: { property, kind: 'color', from: choice.from, to: choice.to, hex: choice.hex, ...(named && choice.hex === hex ? { named } : {}), at: choice.at }, label: choice.label, description: choice.at, ...(choice.note ? { note: choice.note } : {}), ...(bulma.ok === 'choice' ? { needsChoice: true } : {}), section });
      }
      if (bulma.ok === 'choice') stateQuestion = bulma.question;
      continue;
    }
    let css = cssColorEdit(model.project, cssFiles(model), node, role, hex, section, ancestorsOf(model, node));
    for (const fallback of target.edit.fallbacks) {
      if (css.ok !== false) break;
      const next = cssColorEdit(model.project, cssFiles(model), fallback, role, hex, section, ancestorsOf(model, fallback));
      // The more precise sentence wins ("declared twice" over "no rule").
      if (next.ok !== false || !next.message.startsWith('No CSS rule')) css = next;
    }
    if (css.ok === 'choice') {
      for (const choice of css.choices) {
        const r = choice.result;
        alternatives.push({ splices: r.splices, line: { property, kind: 'color', from: r.from, to: r.to, hex, ...(named ? { named } : {}), at: `${r.file}:${r.line}` }, label: choice.label, description: `${r.file}:${r.line}`, ...(r.note ? { note: r.note } : {}), needsChoice: true, section });
      }
      continue;
    }
    if (css.ok) {
      alternatives.push({ splices: css.splices, line: { property, kind: 'color', from: css.from, to: css.to, hex, ...(named ? { named } : {}), at: `${css.file}:${css.line}` }, label: target.label, description: `${css.file}:${css.line}`, ...(css.note ? { note: css.note } : {}), section });
    } else {
      message ||= css.message;
    }
  }
  return alternatives.length > 0 ? { ok: true, alternatives, ...(stateQuestion ? { question: stateQuestion } : {}) } : fail(message || `The ${section} ${property} cannot be changed.`);
}

/** The colour a class really writes: the palette's own hex for a palette name, else the requested one. */
const writtenHex = (choice: ColorChoice, hex: string): string => choice.hex ?? (choice.how === 'palette' ? (paletteHex(choice.value) ?? hex) : hex);

/** The region (hero, header, nav, footer, main) a text block was found in. */
function regionOf(model: SiteModel, block: TextBlock): string | undefined {
  return model.blocks.find((b) => b.block === block || b.block.node === block.node)?.where;
}

/** WCAG contrast of `hex` text on the landmark's own background class, when that is a known colour and the ratio is poor. */
function contrastNote(node: UiNode, model: SiteModel, hex: string): string | undefined {
  const background = classTokens(node).find((t) => t.utility === 'bg' && t.variants === '' && isColorValue(t.value, model.theme));
  const backgroundHex = background ? tokenHex(background, model.theme) : undefined;
  if (!background || !backgroundHex) return undefined;
  const ratio = contrastRatio(hex, backgroundHex);
  return ratio < 4.5 ? `Contrast with the background (${background.token}) is ${ratio.toFixed(1)}:1, below the 4.5:1 WCAG asks for body text; a ${isLight(backgroundHex) ? 'darker' : 'lighter'} text colour would read better.` : undefined;
}

/** The #rrggbb a colour class writes, when it is a palette colour, an arbitrary hex or a colour of the site's own theme (its default, light one). */
function tokenHex(token: ClassToken, theme?: Theme): string | undefined {
  const own = theme?.colors.find((c) => c.name === token.value && !c.dark);
  const hex = token.value.startsWith('[#') ? token.value.slice(1, -1) : (paletteHex(token.value) ?? (own ? cssColorHex(own.value) : undefined));
  return hex && /^#[0-9a-f]{6}$/i.test(hex) ? hex.toLowerCase() : undefined;
}

/** A new background against the text colours on it (the element's own, or those inside): a warning when they become hard to read. */
function backgroundContrastNote(node: UiNode, model: SiteModel, backgroundHex: string): string | undefined {
  const texts = [...classTokens(node).filter((t) => t.utility === 'text' && t.variants === '' && isColorValue(t.value, model.theme)), ...innerTextColors(node, model)];
  const poor = texts.map((t) => ({ token: t.token, hex: tokenHex(t, model.theme) })).filter((t): t is { token: string; hex: string } => t.hex !== undefined && contrastRatio(t.hex, backgroundHex) < 3);
  const names = [...new Set(poor.map((p) => p.token))];
  // The advice follows the new background: light text on a dark one, dark text on a light one.
  if (names.length > 0) return `On the new background, ${names.slice(0, 3).join(', ')} become${names.length === 1 ? 's' : ''} hard to read (contrast below 3:1); consider a ${isLight(backgroundHex) ? 'darker' : 'lighter'} text colour.`;
  // No text colour anywhere on or around the bar: its texts use the page's default, which is dark unless the site says otherwise.
  const ancestorsSetText = ancestorsOf(model, node).some((a) => classTokens(a).some((t) => t.utility === 'text' && t.variants === '' && isColorValue(t.value, model.theme)));
  if (texts.length === 0 && !ancestorsSetText && !isLight(backgroundHex)) {
    return 'The texts on it set no colour of their own (they use the page\'s default, usually dark), so they may be hard to read on the new background; consider a lighter text colour as well (the text-color property).';
  }
  return undefined;
}

/** Base text colour classes inside a landmark, outside elements that carry a background of their own (buttons, badges). */
function innerTextColors(node: UiNode, model: SiteModel): ClassToken[] {
  const out: ClassToken[] = [];
  const visit = (current: UiNode) => {
    for (const child of current.children) {
      if (child.kind !== 'element') continue;
      const tokens = classTokens(child.node);
      if (tokens.some((t) => t.utility === 'bg' && t.variants === '' && isColorValue(t.value, model.theme))) continue;
      out.push(...tokens.filter((t) => t.utility === 'text' && t.variants === '' && !t.slot.conditional && isColorValue(t.value, model.theme)));
      visit(child.node);
    }
  };
  visit(node);
  // One class string may be reached twice (a component rendered in two places): one splice each.
  const seen = new Set<string>();
  return out.filter((t) => {
    const key = `${t.slot.file}:${t.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An inline `style={{ background: '…' }}` / `style="background-color: …"` on the element (or the one around it that carries the colour). */
function inlineColorEdit(model: SiteModel, nodes: readonly UiNode[], role: 'background' | 'text', hex: string): { splice: Splice; from: string; at: string } | undefined {
  const names = role === 'background' ? ['backgroundColor', 'background', 'background-color'] : ['color'];
  for (const node of nodes) {
    const opening = (model.project.text(node.file) ?? '').slice(node.range.start, node.openingEnd);
    for (const name of names) {
      const pattern = new RegExp(`(?<![\\w-])${name}\\s*:\\s*(?:(['"\`])([^'"\`]+)\\1|([^;"'}]+))`);
      const match = pattern.exec(opening);
      if (!match) continue;
      const value = (match[2] ?? match[3]).trim();
      if (!/^(?:#[0-9a-f]{3,8}|[a-z]+|(?:rgb|rgba|hsl|hsla|oklch)\([^)]*\))$/i.test(value)) return undefined;
      const at = node.range.start + match.index + match[0].indexOf(value);
      return { splice: { file: node.file, start: at, end: at + value.length, text: hex }, from: value, at: `${node.file}:${model.project.line(node.file, at)}` };
    }
  }
  return undefined;
}

/** The site's stylesheets (with the Sass the rendered files import), and the components rendered on the page that style themselves in a `<style>` block. */
function cssFiles(model: SiteModel): string[] {
  const sheets = model.stylesheets.length > 0 ? model.stylesheets : [...model.project.files.keys()].filter((f) => f.endsWith('.css'));
  const sass = [...model.project.reachable(model.renderedFiles)].filter((f) => /\.s[ac]ss$/.test(f));
  return [...new Set([...sheets, ...sass, ...componentStylesheets(model.renderedFiles, (file) => model.project.text(file))])];
}

function linksStep(model: SiteModel, targets: readonly Target[], intent: ValidatedIntent, where: string): Step {
  const alternatives: Alternative[] = [];
  const missing: LinkNotFoundError[] = [];
  let message = '';
  for (const target of targets) {
    if (target.edit.kind !== 'links') continue;
    const group = target.edit.group;
    if (group.kind === 'first' && intent.addLinks.length === 1 && intent.removeLinks.length === 0 && intent.renameLinks.length === 0) {
      const link = intent.addLinks[0];
      for (const option of firstLinkOptions(model.project, group, link)) {
        alternatives.push({ splices: option.splices, line: { property: intent.linksProperty ?? 'links', kind: 'links', from: '(no links yet)', to: `add ${link.label}:${link.href}`, at: locationOf(target) }, label: option.label, description: `${group.file}:${group.line}`, needsChoice: true, section: intent.section });
      }
      return { ok: true, alternatives, question: `The ${intent.section} has no links yet, only ${group.name.replace(/^the /, '')}. How should ${link.label} be added? Pick it below to see its preview.` };
    }
    try {
      if (group.kind === 'first') throw new EditError(`The ${intent.section} has no links yet, only ${group.name.replace(/^the /, '')}; add one link at a time.`);
      const splices: Splice[] = [];
      const parts: string[] = [];
      for (const link of intent.addLinks) {
        splices.push(...addLinkSplices(model.project, group, link));
        parts.push(`add ${link.label}:${link.href}`);
      }
      for (const name of intent.removeLinks) {
        const removed = removeLinkSplice(group, name);
        splices.push(removed.splice);
        parts.push(`remove ${removed.removed}`);
      }
      for (const rename of intent.renameLinks) {
        const renamed = renameLinkSplice(group, rename.from, rename.to);
        splices.push(renamed.splice);
        parts.push(`rename ${renamed.renamed} → ${rename.to}`);
      }
      const note = group.kind === 'markup' ? copiesNote(model, group, intent, splices) : group.kind === 'array' && group.array.pages && intent.renameLinks.length > 0 ? `The link shows the page's own title, so the title changes on the page itself too (its heading and browser tab): ${[...new Set(splices.map((s) => s.file))].join(', ')}.` : undefined;
      alternatives.push({ splices, line: { property: intent.linksProperty ?? 'links', kind: 'links', from: linkLabels(group).join(', '), to: parts.join(', '), at: locationOf(target) }, label: target.label, description: `${group.name} in ${group.file}:${group.line}`, section: intent.section, ...(note ? { note } : {}) });
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      if (error instanceof LinkNotFoundError) missing.push(error);
      message ||= `${error.message} (Looked on ${where}.)`;
    }
  }
  // The link is in none of the section's lists: each is named with its links, so the person sees them all.
  if (alternatives.length === 0 && missing.length > 1 && missing.length === targets.filter((t) => t.edit.kind === 'links').length) {
    return fail(`No link list of the ${intent.section} has a link ${JSON.stringify(missing[0].wanted)}: ${missing.map((m) => `${m.list} (${m.links.join(', ')})`).join('; ')}. Name one of those links. (Looked on ${where}.)`);
  }
  if (alternatives.length === 0) return fail(message || `No links of the ${intent.section} were found on ${where}.`);
  return { ok: true, alternatives, ...(alternatives.length > 1 ? { question: `The ${intent.section} has ${alternatives.length} link lists. Which one should change?` } : {}) };
}

/**
 * The same links written again by hand (a mobile menu) get the same change, pushed onto
 * `splices`; a copy that cannot take it, or one that differs, is left and named. The sentence
 * for the preview, when there is another copy.
 */
function copiesNote(model: SiteModel, group: MarkupGroup, intent: ValidatedIntent, splices: Splice[]): string | undefined {
  const changed: string[] = [];
  const left: string[] = [];
  for (const copy of group.copies ?? []) {
    try {
      const more: Splice[] = [];
      for (const link of intent.addLinks) more.push(...addLinkSplices(model.project, copy, link));
      for (const name of intent.removeLinks) more.push(removeLinkSplice(copy, name).splice);
      for (const rename of intent.renameLinks) more.push(renameLinkSplice(copy, rename.from, rename.to).splice);
      splices.push(...more);
      changed.push(`${copy.file}:${copy.line}`);
    } catch (error) {
      if (!(error instanceof EditError)) throw error;
      left.push(`The other copy of these links in ${copy.file}:${copy.line} was left as it is (${error.message.replace(/\.$/, '')}); change it by hand.`);
    }
  }
  for (const other of group.differing ?? []) left.push(`Another copy of these links in ${other.file}:${other.line} differs (${linkLabels(other).join(', ')}), so it was left as it is; change it by hand if it should match.`);
  const both = changed.length > 0 ? `The navigation is written twice (${group.file}:${group.line} and ${changed.join(', ')}, e.g. for small screens): every copy is changed.` : undefined;
  return [both, ...left].filter(Boolean).join(' ') || undefined;
}

/** Text compared as a person quotes it: tags, emoji and spacing aside, any case, no closing punctuation. */
export const normalise = (text: string) =>
  // `Designed by <a>UIdeck</a>` reads "Designed by UIdeck": links and formatting keep their words.
  text.replace(/<[^>]*\/>/g, ' ').replace(/<\/?[A-Za-z][\w.-]*>/g, '').replace(/[\p{Extended_Pictographic}\u{FE0F}\u200D]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase().replace(/[.!:]+$/, '');
const REGION_ORDER = ['hero', 'main', 'header', 'nav', 'footer'] as const;
const REGION_SECTION: Readonly<Record<string, string>> = { hero: 'home', main: 'home', header: 'header', nav: 'navbar', footer: 'footer' };

/** "change "Get Started" to "Start free"": the text found on the home page, the hero first. */
export function replaceStep(model: SiteModel, from: string, to: string, section: string, where: string): Step {
  const wanted = normalise(from);
  const matches = model.blocks.filter(({ block, where: region }) => {
    if (section && REGION_SECTION[region] !== section && !(section === 'navbar' && region === 'header') && !(section === 'header' && region === 'nav')) return false;
    return normalise(block.text) === wanted || (block.edit && normalise(block.edit.replaced) === wanted);
  });
  // One text that begins with the quoted words ("Get started - 5min ⏱️" for "Get started"): offered, never changed unasked.
  const starting = matches.length === 0 ? model.blocks.filter(({ block }) => normalise(block.text).startsWith(`${wanted} `) || normalise(block.text).startsWith(`${wanted} -`)) : [];
  if (starting.length === 1) {
    const { block, where: region } = starting[0];
    const result = textChange(model.project, block, to, { copyright: false });
    if (result.ok) {
      const line = model.project.line(result.splice.file, result.splice.start);
      return {
        ok: true,
        alternatives: [{ splices: [result.splice], line: { property: 'text', kind: 'text', from: result.from, to: result.to, at: `${result.splice.file}:${line}` }, label: JSON.stringify(shorten(block.text, 60)), description: `the whole text, ${result.splice.file}:${line}`, needsChoice: true, section: REGION_SECTION[region] ?? 'home' }],
        question: `No text reads exactly ${JSON.stringify(from)}, but ${JSON.stringify(shorten(block.text, 80))} begins with it. Replace that whole text? Pick it below to see the preview.`,
      };
    }
  }
  if (matches.length === 0) {
    const near = model.blocks.filter(({ block }) => normalise(block.text).includes(wanted)).map(({ block }) => JSON.stringify(shorten(block.text, 60)));
    return fail(`I did not find the text ${inlineCode(shorten(from, 80))} on the home page of ${where}${section ? ` (in the ${section})` : ''}.${near.length > 0 ? ` Texts that contain it: ${listOr(near.slice(0, 3))}; quote the whole text.` : ' Quote the text exactly as the page shows it.'}`);
  }
  // Two places showing one config or translation string are one edit.
  const seen = new Set<string>();
  const distinct = matches.filter(({ block }) => {
    const key = block.edit?.kind === 'string' ? `${block.edit.slot.file}:${block.edit.slot.start}` : `${block.node.file}:${block.node.range.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const best = REGION_ORDER.map((r) => distinct.filter((m) => m.where === r)).find((list) => list.length > 0) ?? distinct;
  const alternatives: Alternative[] = [];
  let message = '';
  for (const { block, where: region } of best) {
    // The person quoted the whole old text: it is replaced as quoted, no copyright kept.
    const result = textChange(model.project, block, to, { copyright: false });
    if (!result.ok) {
      message ||= result.message;
      continue;
    }
    const file = result.splice.file;
    const line = model.project.line(file, result.splice.start);
    const others = distinct.length - best.length;
    alternatives.push({
      splices: [result.splice],
      line: { property: 'text', kind: 'text', from: result.from, to: result.to, at: `${file}:${line}` },
      label: `${JSON.stringify(shorten(block.text, 50))} in ${file}:${line}`,
      description: `${region === 'hero' ? 'in the hero' : `in the ${region}`}, ${file}:${line}`,
      ...(result.removed.length > 0 && (!result.copyrightKept || result.replacesLeadingLink === true) ? { needsChoice: true } : {}),
      note: [result.note, others > 0 ? `The same text also appears in ${others} other place${others === 1 ? '' : 's'} further down the page; those are unchanged.` : undefined].filter(Boolean).join(' ') || undefined,
      section: REGION_SECTION[region] ?? 'home',
    });
  }
  return alternatives.length > 0 ? { ok: true, alternatives } : fail(message);
}

function nothingFound(model: SiteModel, section: string, property: string, where: string): string {
  const found = ownProperty(model.sections, section);
  const available = found ? Object.entries(found.properties).filter(([, p]) => p.targets.length > 0).map(([n]) => n) : [];
  const at = found?.location ? ` (the ${found.location.tag} in ${found.location.file}:${found.location.line})` : '';
  const what = property === 'brand' || property === 'text' ? 'text (the logo may be an image)' : property;
  return `I found no ${what} in the ${section}${at} on ${where}.${available.length > 0 ? ` What I can change there: ${listOr(available)}.` : ''} Run /ux-map to see what was found, or name the place in .valine/ux-map.json.`;
}
