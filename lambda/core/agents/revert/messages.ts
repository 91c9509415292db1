import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage } from '../../domain/discord-message';
import { codeBlock, fenceSafe, inlineCode, plainText, shorten } from '../../domain/discord-text';
import type { Task } from '../../domain/task';
import { fitDiff, unifiedDiff } from '../../domain/diff';
import { NEUTRAL_COLOR, SUCCESS_COLOR } from '../../domain/agent-messages';
import { GITHUB_BODY_LIMIT, githubBlock, githubCode, githubInert, githubOneLine, githubPlain } from '../../domain/github-text';
import type { RevertProposal } from './proposal';

/** Room left in the description for what the platform adds (task id, expiry). */
const DESCRIPTION_BUDGET = DISCORD_LIMITS.embedDescription - 400;
/** GitHub refuses longer pull-request titles. */
const GITHUB_TITLE_LIMIT = 256;

/** "3 commits, abc1234..def5678" of a rebase merge: first and last rebased commit. */
const rebasedRange = (commits: readonly string[], code: (sha: string) => string) => `${commits.length} commits, ${code(commits[0].slice(0, 7))}..${code(commits[commits.length - 1].slice(0, 7))}`;

/** "a, b and c". */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * "pull request #12 “Spring sale” (merge commit abc1234, against its first parent)",
 * "pull request #12 “…” (rebase-merged as 3 commits, abc1234..def5678)" or "commit abc1234 “…”".
 */
export function changeName(proposal: Pick<RevertProposal, 'target' | 'originalTitle'>): string {
  const { target } = proposal;
  // Plain text: a masked link or a mention in a title is shown as written, never clickable.
  const title = `“${plainText(shorten(proposal.originalTitle.replace(/\s+/g, ' '), 100))}”`;
  if (target.rebasedCommits) {
    const rebased = `rebase-merged as ${rebasedRange(target.rebasedCommits, (sha) => inlineCode(sha))}`;
    return target.pullRequest ? `pull request **#${target.pullRequest.number}** ${title} (${rebased})` : `${title} (${rebased})`;
  }
  const commit = `${target.merge ? 'merge commit' : 'commit'} ${inlineCode(target.commit.slice(0, 7))}`;
  const against = target.merge ? ', against its first parent' : '';
  return target.pullRequest ? `pull request **#${target.pullRequest.number}** ${title} (${commit}${against})` : `${commit} ${title}${target.merge ? ' (against its first parent)' : ''}`;
}

type RevertedFile = RevertProposal['files'][number];

const MODE_NAMES: Record<string, string> = { '100644': 'a file', '100755': 'an executable file', '120000': 'a symbolic link', '160000': 'a submodule' };

/** True when the revert changes the file's git mode (a proposal from before modes were kept never does). */
export const changesMode = (file: RevertedFile): boolean => file.content !== null && file.beforeSha256 !== null && file.mode !== undefined && file.beforeMode !== undefined && file.beforeMode !== file.mode;

/** "no longer executable", "a symbolic link to `x` again", …: what a mode change means. */
function modeChange(from: string, to: string, target: string, code: (text: string) => string): string {
  if (from === '100755' && to === '100644') return 'no longer executable';
  if (from === '100644' && to === '100755') return 'executable again';
  if (to === '120000') return `${MODE_NAMES[from] ?? from} becomes a symbolic link to ${code(target)} again`;
  return `${MODE_NAMES[from] ?? from} becomes ${MODE_NAMES[to] ?? to} again`;
}

/** What the revert does to one file, mode included: the same words in the preview and the pull request. */
export function fileOutcome(file: RevertedFile, code: (text: string) => string): string {
  if (file.content === null) return 'deleted (the change added it)';
  const as = file.mode === '100755' ? ' as an executable file, mode 100755' : file.mode === '120000' ? ` as a symbolic link to ${code(file.content)}` : '';
  if (file.beforeSha256 === null) return `restored${as} (the change deleted it)`;
  if (!changesMode(file)) return `put back as before the change${file.mode === '120000' ? `: a symbolic link to ${code(file.content)}` : ''}`;
  return `put back as before the change; mode ${file.beforeMode} → ${file.mode} (${modeChange(file.beforeMode as string, file.mode as string, file.content, code)})`;
}

/** The preview's bullets: files whose mode changes first, so no mode change hides behind "and N more". */
function fileBullets(files: readonly RevertedFile[], shown: number): string[] {
  const ordered = [...files.filter(changesMode), ...files.filter((f) => !changesMode(f))];
  const bullets = ordered.slice(0, shown).map((f) => `• ${inlineCode(f.path, 100)}: ${fileOutcome(f, (text) => inlineCode(text, 80))}`);
  const hidden = ordered.slice(shown);
  if (hidden.length === 0) return bullets;
  const modes = hidden.filter(changesMode).length;
  return [...bullets, `• and ${hidden.length} more files${modes > 0 ? ` (${modes} of them change mode too)` : ''}`];
}

/**
 * The reverse diff in git's format: each file opens with `diff --git`, then git's mode lines
 * where the mode changes (`old mode` / `new mode`, `new file mode`, `deleted file mode`), then
 * its hunks (none when only the mode changes).
 */
export function revertDiff(files: ReadonlyArray<{ path: string; now?: { content: string; mode: string }; after?: { content: string; mode: string } }>): string {
  return files
    .map(({ path, now, after }) => {
      const modes = now && after ? (now.mode === after.mode ? [] : [`old mode ${now.mode}`, `new mode ${after.mode}`]) : after ? [`new file mode ${after.mode}`] : now ? [`deleted file mode ${now.mode}`] : [];
      const patch = now?.content === after?.content ? [] : [unifiedDiff([{ path, before: now?.content ?? '', after: after?.content ?? '' }])];
      return [`diff --git a/${path} b/${path}`, ...modes, ...patch].join('\n');
    })
    .join('\n');
}

/** The preview above Confirm / Cancel: which change, which files, the reverse diff fitted to Discord. */
export function revertPreview(proposal: RevertProposal, requesterName: string): DiscordMessage {
  const where = `${inlineCode(proposal.repositoryKind === 'github' ? proposal.repository : 'local site repository')} on ${inlineCode(proposal.baseBranch)} at ${inlineCode(proposal.baseCommit.slice(0, 7))}`;
  const untouched = proposal.alreadyUndone.length > 0 ? [`_Already as before the change, left alone: ${proposal.alreadyUndone.slice(0, 10).map((p) => inlineCode(p, 60)).join(', ')}${proposal.alreadyUndone.length > 10 ? ` and ${proposal.alreadyUndone.length - 10} more` : ''}._`] : [];
  const head = [`Proposed revert of ${changeName(proposal)} on ${where}:`, ...fileBullets(proposal.files, 15), ...untouched, ''].join('\n');
  const fenceRoom = '```diff\n\n```'.length + 200;
  const fitted = fitDiff(proposal.diff, DESCRIPTION_BUDGET - head.length - fenceRoom, (line) => fenceSafe(line).length);
  const full = proposal.repositoryKind === 'github' ? 'the pull request has the full diff' : 'inspect the branch with git diff after confirming';
  const hidden = fitted.hiddenLines > 0 ? `\n… ${fitted.hiddenLines} more line${fitted.hiddenLines === 1 ? '' : 's'} of the diff not shown (${full}).` : '';
  return {
    embeds: [
      {
        title: proposal.target.pullRequest ? `Revert · pull request #${proposal.target.pullRequest.number}` : `Revert · commit ${proposal.target.commit.slice(0, 7)}`,
        description: `${head}${fitted.shownLines > 0 ? codeBlock(fitted.text, 'diff') : ''}${hidden}`,
        color: NEUTRAL_COLOR,
        fields: [{ name: 'Requested by', value: plainText(shorten(requesterName, 100)), inline: true }],
        footer: { text: proposal.repositoryKind === 'github' ? 'Confirm opens a draft revert pull request.' : 'Confirm commits the revert on a branch of the local site repository.' },
      },
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/** `Revert "<original title>"`, made inert for GitHub and within its title limit. */
export function revertTitle(originalTitle: string): string {
  const inner = githubInert(originalTitle.replace(/\s+/g, ' ').trim());
  const room = GITHUB_TITLE_LIMIT - 'Revert ""'.length;
  return `Revert "${inner.length <= room ? inner : `${inner.slice(0, room - 1)}…`}"`;
}

/** The revert branch: deterministic per task, so a retried Confirm reuses it. */
export function revertBranchName(proposal: Pick<RevertProposal, 'target'>, task: Pick<Task, 'taskId'>): string {
  const id = task.taskId.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 12) || 'task';
  return `revert/${proposal.target.commit.slice(0, 7)}-${id}`;
}

/** " and approved by B (Discord user …)" once someone clicked Confirm (Task.confirmedBy). */
const approvedBy = (task: Pick<Task, 'confirmedBy'>, name: (text: string) => string, id: (text: string) => string): string =>
  task.confirmedBy ? ` and approved by ${name(task.confirmedBy.name)} (Discord user ${id(task.confirmedBy.id)})` : '';

/** A name in a commit message: one line (a newline could start a trailer such as `Co-authored-by:`), inert. */
const commitName = (text: string): string => githubInert(githubOneLine(text));

/** Git's own revert message ("This reverts commit <sha>.", or the commits of a rebase merge), plus who asked. */
export function revertCommitMessage(proposal: RevertProposal, task: Pick<Task, 'taskId' | 'requesterId' | 'requesterName' | 'confirmedBy'>): string {
  const pr = proposal.target.pullRequest ? `\n\nReverts pull request ${proposal.repositoryKind === 'github' ? proposal.repository : ''}#${proposal.target.pullRequest.number}.` : '';
  const reverts = proposal.target.rebasedCommits ? `commits ${listed(proposal.target.rebasedCommits)}` : `commit ${proposal.target.commit}`;
  return `${proposal.title}\n\nThis reverts ${reverts}.${pr}\n\nRequested by ${commitName(task.requesterName)} (Discord user ${commitName(task.requesterId)})${approvedBy(task, commitName, commitName)} through Valine task ${commitName(task.taskId)}.\n`;
}

/** The draft pull request's body: the original change, the requester, the files and as much of the diff as GitHub takes. */
export function revertPullRequestBody(proposal: RevertProposal, task: Pick<Task, 'taskId' | 'requesterId' | 'requesterName' | 'command' | 'confirmedBy'>): string {
  const { target } = proposal;
  const mergedAs = target.rebasedCommits ? `rebase-merged as ${rebasedRange(target.rebasedCommits, (sha) => sha)}` : `merged as ${target.merge ? 'merge commit' : 'commit'} ${target.commit}`;
  const original = target.pullRequest
    ? `Reverts #${target.pullRequest.number} (${githubCode(proposal.originalTitle)}), ${mergedAs}.`
    : `Reverts commit ${target.commit} (${githubCode(proposal.originalTitle)}).`;
  const reverts = target.rebasedCommits
    ? `This reverts commits ${listed(target.rebasedCommits)} (all of ${target.parent}..${target.commit}).`
    : `This reverts commit ${target.commit}${target.merge ? `, against its first parent ${target.parent}` : ''}.`;
  const head = [
    original,
    '',
    reverts,
    '',
    `Requested by **${githubPlain(githubOneLine(task.requesterName))}** (Discord user ${githubCode(task.requesterId)})${approvedBy(task, (name) => `**${githubPlain(githubOneLine(name))}**`, githubCode)} through Valine task ${githubCode(task.taskId)} with ${githubCode(task.command)}.`,
    '',
    '### Files',
    ...proposal.files.map((f) => `- ${githubCode(f.path)}: ${fileOutcome(f, githubCode)}`),
    ...(proposal.alreadyUndone.length > 0 ? ['', `Already as before the change, left alone: ${proposal.alreadyUndone.map((p) => githubCode(p)).join(', ')}.`] : []),
    '',
  ].join('\n');
  const tail = '\n_Opened as a draft by the Valine Revert Agent. Check the site in a preview deployment, then mark it ready for review._';
  const whole = `${head}### Diff\n${githubBlock(proposal.diff, 'diff')}\n${tail}`;
  if (whole.length <= GITHUB_BODY_LIMIT) return whole;
  const note = '\n… (diff truncated; see the Files changed tab)';
  let room = GITHUB_BODY_LIMIT - (whole.length - proposal.diff.length) - note.length - 16;
  while (room > 0) {
    const cut = proposal.diff.lastIndexOf('\n', room);
    const body = `${head}### Diff\n${githubBlock(`${proposal.diff.slice(0, Math.max(cut, 0))}${note}`, 'diff')}\n${tail}`;
    if (body.length <= GITHUB_BODY_LIMIT) return body;
    room -= body.length - GITHUB_BODY_LIMIT;
  }
  return `${head}### Diff\n_Left out; see the Files changed tab._\n${tail}`.slice(0, GITHUB_BODY_LIMIT);
}

export function revertOpenedMessage(proposal: RevertProposal, task: Pick<Task, 'requesterName'>, branch: string, pullRequest: { number: number; url: string }): DiscordMessage {
  return {
    embeds: [
      {
        title: `Draft revert pull request #${pullRequest.number} opened`,
        url: pullRequest.url,
        description: `${plainText(proposal.title)}\n\nUndoes ${changeName(proposal)}.\n${pullRequest.url}\nBranch ${inlineCode(branch)} · requested by ${plainText(shorten(task.requesterName, 100))}`,
        color: SUCCESS_COLOR,
      },
    ],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}

export function revertCommittedMessage(proposal: RevertProposal, directory: string, branch: string): DiscordMessage {
  return {
    embeds: [
      {
        title: `Branch ${branch} committed`,
        description: `${plainText(proposal.title)}\n\nThe revert of ${changeName(proposal)} is committed on ${inlineCode(branch)} in the local site repository (no pull request in local mode). Inspect it with:\n${codeBlock(`git -C ${directory} diff ${proposal.baseBranch}..${branch}`, 'sh')}`,
        color: SUCCESS_COLOR,
      },
    ],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}
