import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage } from '../../domain/discord-message';
import { codeBlock, fenceSafe, inlineCode, noMentions, shorten } from '../../domain/discord-text';
import type { Task } from '../../domain/task';
import { fitDiff } from '../../domain/diff';
import { NEUTRAL_COLOR, SUCCESS_COLOR } from '../../domain/agent-messages';
import { GITHUB_BODY_LIMIT, githubBlock, githubCode, githubInert, githubPlain } from '../../github/github-text';
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
  const title = `“${noMentions(shorten(proposal.originalTitle.replace(/\s+/g, ' '), 100))}”`;
  if (target.rebasedCommits) {
    const rebased = `rebase-merged as ${rebasedRange(target.rebasedCommits, (sha) => inlineCode(sha))}`;
    return target.pullRequest ? `pull request **#${target.pullRequest.number}** ${title} (${rebased})` : `${title} (${rebased})`;
  }
  const commit = `${target.merge ? 'merge commit' : 'commit'} ${inlineCode(target.commit.slice(0, 7))}`;
  const against = target.merge ? ', against its first parent' : '';
  return target.pullRequest ? `pull request **#${target.pullRequest.number}** ${title} (${commit}${against})` : `${commit} ${title}${target.merge ? ' (against its first parent)' : ''}`;
}

function fileBullet(file: RevertProposal['files'][number]): string {
  const what = file.content === null ? 'deleted (the change added it)' : file.beforeSha256 === null ? 'restored (the change deleted it)' : 'put back as before the change';
  return `• ${inlineCode(file.path, 100)}: ${what}`;
}

/** The preview above Confirm / Cancel: which change, which files, the reverse diff fitted to Discord. */
export function revertPreview(proposal: RevertProposal, requesterName: string): DiscordMessage {
  const where = `${inlineCode(proposal.repositoryKind === 'github' ? proposal.repository : 'local site repository')} on ${inlineCode(proposal.baseBranch)} at ${inlineCode(proposal.baseCommit.slice(0, 7))}`;
  const untouched = proposal.alreadyUndone.length > 0 ? [`_Already as before the change, left alone: ${proposal.alreadyUndone.slice(0, 10).map((p) => inlineCode(p, 60)).join(', ')}${proposal.alreadyUndone.length > 10 ? ` and ${proposal.alreadyUndone.length - 10} more` : ''}._`] : [];
  const shownFiles = proposal.files.slice(0, 15).map(fileBullet);
  const moreFiles = proposal.files.length > 15 ? [`• and ${proposal.files.length - 15} more files`] : [];
  const head = [`Proposed revert of ${changeName(proposal)} on ${where}:`, ...shownFiles, ...moreFiles, ...untouched, ''].join('\n');
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
        fields: [{ name: 'Requested by', value: noMentions(shorten(requesterName, 100)), inline: true }],
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

/** Git's own revert message ("This reverts commit <sha>.", or the commits of a rebase merge), plus who asked. */
export function revertCommitMessage(proposal: RevertProposal, task: Pick<Task, 'taskId' | 'requesterId' | 'requesterName' | 'confirmedBy'>): string {
  const pr = proposal.target.pullRequest ? `\n\nReverts pull request ${proposal.repositoryKind === 'github' ? proposal.repository : ''}#${proposal.target.pullRequest.number}.` : '';
  const reverts = proposal.target.rebasedCommits ? `commits ${listed(proposal.target.rebasedCommits)}` : `commit ${proposal.target.commit}`;
  return `${proposal.title}\n\nThis reverts ${reverts}.${pr}\n\nRequested by ${githubInert(task.requesterName)} (Discord user ${task.requesterId})${approvedBy(task, githubInert, (id) => id)} through Valine task ${githubInert(task.taskId)}.\n`;
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
    `Requested by **${githubPlain(task.requesterName)}** (Discord user ${githubCode(task.requesterId)})${approvedBy(task, (name) => `**${githubPlain(name)}**`, githubCode)} through Valine task ${githubCode(task.taskId)} with ${githubCode(task.command)}.`,
    '',
    '### Files',
    ...proposal.files.map((f) => `- ${githubCode(f.path)}: ${f.content === null ? 'deleted (the change added it)' : f.beforeSha256 === null ? 'restored (the change deleted it)' : 'put back as before the change'}`),
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
        description: `${noMentions(proposal.title)}\n\nUndoes ${changeName(proposal)}.\n${pullRequest.url}\nBranch ${inlineCode(branch)} · requested by ${noMentions(task.requesterName)}`,
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
        description: `${noMentions(proposal.title)}\n\nThe revert of ${changeName(proposal)} is committed on ${inlineCode(branch)} in the local site repository (no pull request in local mode). Inspect it with:\n${codeBlock(`git -C ${directory} diff ${proposal.baseBranch}..${branch}`, 'sh')}`,
        color: SUCCESS_COLOR,
      },
    ],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}
