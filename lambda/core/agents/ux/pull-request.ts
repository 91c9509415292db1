import type { Task } from '../../domain/task';
import { noMentions } from '../../domain/discord-text';
import type { ChangeLine } from './plan';

/** Texts for the branch, the commit and the draft pull request. */
export const PR_BODY_LIMIT = 60000;

/** `ux/<section>-<yyyymmdd-hhmm>-<task id>`: deterministic per task, so a retry reuses the branch. */
export function branchName(section: string, task: Pick<Task, 'taskId' | 'createdAt'>): string {
  const at = new Date(task.createdAt);
  const stamp = Number.isNaN(at.getTime()) ? 'undated' : at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const id = task.taskId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'task';
  return `ux/${section}-${stamp}-${id}`;
}

export function pullRequestTitle(section: string, changes: readonly ChangeLine[]): string {
  const parts = changes.map((c) => (c.kind === 'links' ? 'links' : c.property));
  const only = changes.length === 1 ? changes[0] : undefined;
  const title =
    only && only.kind !== 'links' ? `UX: set ${section} ${only.property} to ${only.kind === 'color' ? only.to : `"${only.to}"`}` : `UX: update ${section} ${[...new Set(parts)].join(', ')}`;
  return title.length <= 72 ? title : `UX: update ${section} ${[...new Set(parts)].join(', ')}`.slice(0, 72);
}

/** A GitHub inline code span that no backtick inside can close. */
export function githubCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** A GitHub fenced block longer than any backtick run inside. */
export function githubBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Plain text in GitHub markdown: no formatting, no @mentions, no #references. */
export function githubPlain(text: string): string {
  return noMentions(text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&'));
}

function changeLine(change: ChangeLine): string {
  if (change.kind === 'links') return `- **links**: add ${change.to.split(', ').map(githubCode).join(', ')}`;
  return `- **${change.property}**: ${githubCode(change.from)} → ${githubCode(change.to)}${change.named ? ` (${change.named})` : ''}`;
}

export interface PullRequestText {
  section: string;
  changes: readonly ChangeLine[];
  requesterName: string;
  requesterId: string;
  taskId: string;
  commandLine: string;
  diff: string;
  parserLine: string;
}

export function commitMessage(title: string, text: PullRequestText): string {
  const lines = text.changes.map((c) => (c.kind === 'links' ? `- links: add ${c.to}` : `- ${c.property}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}${c.named ? ` (${c.named})` : ''}`));
  return `${title}\n\nRequested by ${text.requesterName} (Discord user ${text.requesterId}) through Valine task ${text.taskId}.\n\n${lines.join('\n')}\n`;
}

export function pullRequestBody(text: PullRequestText): string {
  const head = [
    `Requested by **${githubPlain(text.requesterName)}** (Discord user ${githubCode(text.requesterId)}) through Valine task ${githubCode(text.taskId)}.`,
    '',
    `### Changes to the ${text.section}`,
    ...text.changes.map(changeLine),
    '',
    '### Original command',
    githubBlock(text.commandLine, 'text'),
    '',
    `_${githubPlain(text.parserLine)}_`,
    '',
  ].join('\n');
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
  const room = PR_BODY_LIMIT - head.length - tail.length - 200;
  const diff = text.diff.length <= room ? text.diff : `${text.diff.slice(0, text.diff.lastIndexOf('\n', room))}\n… (diff truncated; see the Files changed tab)`;
  return `${head}### Diff\n${githubBlock(diff, 'diff')}\n${tail}`;
}
