import type { Task } from '../../domain/task';
import { GITHUB_BODY_LIMIT, githubBlock, githubCode, githubInert, githubOneLine, githubPlain } from '../../domain/github-text';
import type { ChangeLine } from './plan';

/** Texts for the branch, the commit and the draft pull request. */

export { GITHUB_BODY_LIMIT, githubBlock, githubCode, githubInert, githubPlain } from '../../domain/github-text';

/** The longest old or new value a change line shows in the body; the Files changed tab has all of it. */
const CHANGE_VALUE_MAX = [1_000, 200, 40] as const;
const HEX_COLOUR = /^#[0-9a-fA-F]{3,8}$/;
/** The verbs a discovered link change starts each part with. */
const LINK_VERBS = /^(?:add|remove|rename) /;


/** A value as the commit and title show it: a hex colour (validated, it can hold no keyword or mention) as is. */
const inertValue = (value: string): string => (HEX_COLOUR.test(value) ? value : githubInert(value));

/** A name or value on a line of a commit message: one line (a line of its own could be a trailer such as `Co-authored-by:`), inert. */
const commitLine = (text: string): string => githubInert(githubOneLine(text));

/** `ux/<section>-<yyyymmdd-hhmm>-<task id>`: deterministic per task, so a retry reuses the branch. */
export function branchName(section: string, task: Pick<Task, 'taskId' | 'createdAt'>): string {
  const at = new Date(task.createdAt);
  const stamp = Number.isNaN(at.getTime()) ? 'undated' : at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const id = task.taskId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'task';
  return `ux/${section}-${stamp}-${id}`;
}

/** At most 72 characters, measured after the text is made inert (see githubInert). */
export function pullRequestTitle(section: string, changes: readonly ChangeLine[]): string {
  const parts = changes.map((c) => (c.kind === 'links' ? 'links' : c.property));
  const only = changes.length === 1 ? changes[0] : undefined;
  const generic = githubInert(`UX: update ${section} ${[...new Set(parts)].join(', ')}`);
  const title =
    only && only.kind !== 'links'
      ? githubInert(`UX: set ${section} ${only.property} to `) + (only.kind === 'color' ? inertValue(only.to) : `"${githubInert(only.to)}"`)
      : generic;
  return title.length <= 72 ? title : cut(generic, 72);
}

/** What one change of a task is about, in a title or a sentence: "navbar colour", "footer text", "home hero text size". */
export function changeWords(item: { section: string; lines: readonly ChangeLine[] }): string {
  const line = item.lines[0];
  if (!line) return item.section;
  const property = line.property.replace(/-/g, ' ');
  const what = line.kind === 'links' ? 'links' : line.kind === 'color' ? property.replace(/\bcolor\b/, 'colour') : line.kind === 'style' ? `${property} style` : property;
  return `${item.section} ${what}`;
}

/** A task of several changes: "UX: navbar colour, footer colour", or "UX: 4 changes: navbar colour, …" past 72 characters. */
export function bundleTitle(items: ReadonlyArray<{ section: string; lines: readonly ChangeLine[] }>): string {
  const parts = [...new Set(items.map(changeWords))];
  const whole = githubInert(`UX: ${parts.join(', ')}`);
  if (whole.length <= 72) return whole;
  let title = githubInert(`UX: ${items.length} changes: `);
  for (const [index, part] of parts.entries()) {
    const next = githubInert(`${part}${index < parts.length - 1 ? ', ' : ''}`);
    if (title.length + next.length > 71) return `${title.replace(/, $/, '')}…`;
    title += next;
  }
  return title;
}




function changeLine(change: ChangeLine, valueMax: number): string {
  const value = (text: string) => githubCode(text.length <= valueMax ? text : `${cut(text, valueMax - 1)}… (${text.length.toLocaleString('en-US')} characters in all)`);
  // Discovered lists say what each link change does ("add Pricing:/pricing, remove Blog"); a map's list only adds.
  if (change.kind === 'links' && LINK_VERBS.test(change.to)) return `- **links**: ${change.to.split(', ').map((part) => { const verb = LINK_VERBS.exec(part)?.[0] ?? ''; return `${verb}${value(part.slice(verb.length))}`; }).join(', ')}`;
  if (change.kind === 'links') return `- **links**: add ${change.to.split(', ').map(value).join(', ')}`;
  return `- **${change.property}**: ${value(change.from)} → ${value(change.to)}${change.named ? ` (${change.named})` : ''}`;
}

/** The first `max` UTF-16 units, one fewer if that would end on half of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

export interface PullRequestText {
  section: string;
  changes: readonly ChangeLine[];
  requesterName: string;
  requesterId: string;
  /** Who clicked Confirm (Task.confirmedBy); named beside the requester when someone else approved. */
  approver?: { id: string; name: string };
  taskId: string;
  commandLine: string;
  diff: string;
  parserLine: string;
  /** A task of several changes: each with its section, its lines and the words that asked for it (listed numbered). */
  items?: ReadonlyArray<{ section: string; changes: readonly ChangeLine[]; words: string; refinements?: readonly string[] }>;
}

/** Two or more changes are listed numbered, each under its section; one change reads as it always did. */
const bundleOf = (text: PullRequestText) => (text.items && text.items.length > 1 ? text.items : undefined);

/** Every piece of user or repository text in it is made inert (see githubInert); `title` is pullRequestTitle's. */
export function commitMessage(title: string, text: PullRequestText): string {
  const line = (c: ChangeLine) =>
    c.kind === 'links'
      ? `links: ${LINK_VERBS.test(c.to) ? '' : 'add '}${commitLine(c.to)}`
      : `${commitLine(c.property)}: ${JSON.stringify(inertValue(c.from))} -> ${JSON.stringify(inertValue(c.to))}${c.named ? ` (${commitLine(c.named)})` : ''}`;
  const bundle = bundleOf(text);
  const lines = bundle ? bundle.flatMap((item, n) => item.changes.map((c) => `${n + 1}. ${commitLine(item.section)} ${line(c)}`)) : text.changes.map((c) => `- ${line(c)}`);
  const approved = text.approver ? ` and approved by ${commitLine(text.approver.name)} (Discord user ${commitLine(text.approver.id)})` : '';
  return `${title}\n\nRequested by ${commitLine(text.requesterName)} (Discord user ${commitLine(text.requesterId)})${approved} through Valine task ${commitLine(text.taskId)}.\n\n${lines.join('\n')}\n`;
}

/**
 * At most GITHUB_BODY_LIMIT characters, measured on the finished body: change values are shortened first (a large old
 * text would otherwise fill it), then the diff is cut at a line and says so; the Files changed tab always has it all.
 */
export function pullRequestBody(text: PullRequestText): string {
  const tail = [
    '',
    '### Review checklist',
    '- [ ] The change is what was asked for, and nothing else changed',
    '- [ ] Text is spelled right and fits on small screens',
    '- [ ] Colours keep enough contrast (WCAG AA: 4.5:1 for body text)',
    '- [ ] New links open pages that exist',
    '- [ ] The site builds and looks right in a preview deployment',
    '',
    '_Opened as a draft by the Valine UX Agent. Mark it ready for review once checked._',
  ].join('\n');
  for (const valueMax of CHANGE_VALUE_MAX) {
    const head = bodyHead(text, valueMax);
    const body = withDiff(head, text.diff, tail);
    if (body) return body;
  }
  // Only a pathological request gets here (thousands of changes or a huge command line): keep the limit regardless.
  const body = `${bodyHead(text, CHANGE_VALUE_MAX[CHANGE_VALUE_MAX.length - 1])}### Diff\n_Left out; see the Files changed tab._\n${tail}`;
  const note = '\n\n_… (description cut to fit GitHub\'s limit; see the Files changed tab)_';
  return body.length <= GITHUB_BODY_LIMIT ? body : `${cut(body, GITHUB_BODY_LIMIT - note.length)}${note}`;
}

const approvedBy = (text: PullRequestText): string =>
  text.approver ? ` and approved by **${githubPlain(githubOneLine(text.approver.name))}** (Discord user ${githubCode(text.approver.id)})` : '';

function bodyHead(text: PullRequestText, valueMax: number): string {
  return [
    `Requested by **${githubPlain(githubOneLine(text.requesterName))}** (Discord user ${githubCode(text.requesterId)})${approvedBy(text)} through Valine task ${githubCode(text.taskId)}.`,
    '',
    ...changesBlock(text, valueMax),
    '',
    '### Original command',
    githubBlock(text.commandLine, 'text'),
    '',
    `_${githubPlain(text.parserLine)}_`,
    '',
  ].join('\n');
}

/** The changes: under their section, or numbered with the words that asked for each when the task holds several. */
function changesBlock(text: PullRequestText, valueMax: number): string[] {
  const bundle = bundleOf(text);
  if (!bundle) return [`### Changes to the ${text.section}`, ...text.changes.map((change) => changeLine(change, valueMax))];
  const asked = (item: NonNullable<PullRequestText['items']>[number]) =>
    [item.words, ...(item.refinements ?? [])].map((words) => githubCode(words.length <= 200 ? words : `${cut(words, 199)}…`)).join(', then ');
  return [
    `### Changes (${bundle.length})`,
    ...bundle.flatMap((item, n) => [`${n + 1}. **${githubPlain(item.section)}**, asked as ${asked(item)}`, ...item.changes.map((change) => `   ${changeLine(change, valueMax)}`)]),
  ];
}

/** The body with as much of the diff as fits (cut after a whole line), or undefined when not even its heading fits. */
function withDiff(head: string, diff: string, tail: string): string | undefined {
  const assemble = (shown: string) => `${head}### Diff\n${githubBlock(shown, 'diff')}\n${tail}`;
  const whole = assemble(diff);
  if (whole.length <= GITHUB_BODY_LIMIT) return whole;
  const note = '\n… (diff truncated; see the Files changed tab)';
  // The fence grows with the longest backtick run inside, so measure the assembled body, shrinking until it fits.
  let room = GITHUB_BODY_LIMIT - (whole.length - diff.length) - note.length;
  while (room > 0) {
    const lineEnd = diff.lastIndexOf('\n', room);
    const shown = `${lineEnd > 0 ? diff.slice(0, lineEnd) : cut(diff, room)}${note}`;
    const body = assemble(shown);
    if (body.length <= GITHUB_BODY_LIMIT) return body;
    room -= body.length - GITHUB_BODY_LIMIT;
  }
  return undefined;
}
