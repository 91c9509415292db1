import { branchFromPreview, sha256 } from '../branch-from-preview';
import { executionFailure } from '../execution-failure';
import type { Agent, AgentContext, AgentRequest, ExecutionOutcome, ProposalOutcome } from '../../domain/agent';
import { inlineCode } from '../../domain/discord-text';
import { MAX_PROPOSAL_BYTES, proposalBytes } from '../../domain/proposal-size';
import type { JsonValue, Task } from '../../domain/task';
import type { Logger } from '../../ports/logger';
import { type CommitInfo, type FileWrite, type PullRequestInfo, type RepoDescription, type RepoHost } from '../../ports/repo-host';
import { FAILURE_COLOR, replyMessage } from '../../domain/agent-messages';
import { failureReason } from '../failure-reason';
import { changeName, revertBranchName, revertCommitMessage, revertCommittedMessage, revertDiff, revertOpenedMessage, revertPreview, revertPullRequestBody, revertTitle } from './messages';
import { mergedAs } from './merged-as';
import { REVERT_AGENT_PROFILE } from './profile';
import { revertProposalSchema, type RevertProposal } from './proposal';
import { reverseChange } from './reverse-change';
import { parseRevertTarget, TARGET_USAGE } from './target';

export { REVERT_AGENT_ID, REVERT_COMMAND } from './profile';

export interface RevertAgentDeps {
  /** The website repository the UX Agent edits (flag `site-repository`). */
  repoHost: RepoHost;
  /** Where the detail of a failure goes (what GitHub or git said); people get a sentence. */
  logger?: Logger;
}

const rejected = (text: string): ProposalOutcome => ({ kind: 'rejected', message: replyMessage('Revert not possible', text, FAILURE_COLOR) });
const repositoryName = (repository: RepoDescription) => (repository.kind === 'github' ? inlineCode(repository.name) : 'the local site repository');

/**
 * The change a target names: the commit to undo, what to undo it against, and the title to quote;
 * for a rebase-merged pull request, `commit` is the last of the `rebased` commits (oldest first)
 * and `parent` the one before the first.
 */
type Change = { commit: CommitInfo; parent: string; title: string; pullRequest?: { number: number; url: string }; rebased?: string[] };

export function createRevertAgent(deps: RevertAgentDeps): Agent {
  const host = deps.repoHost;

  async function findChange(target: string, repository: RepoDescription): Promise<Change | { error: string }> {
    const parsed = parseRevertTarget(target, repository);
    if ('error' in parsed) return parsed;
    let sha: string;
    let title: string | undefined;
    let pullRequest: Change['pullRequest'];
    let pull: PullRequestInfo | undefined;
    if (parsed.kind === 'pull-request') {
      if (repository.kind !== 'github' || !host.pullRequest) {
        return { error: `The local site repository has no pull requests. Name the commit to undo by its sha instead, e.g. ${inlineCode('/revert target:1a2b3c4')} (see ${inlineCode(`git -C ${repository.directory ?? repository.name} log --oneline`)}).` };
      }
      pull = await host.pullRequest(parsed.number);
      if (!pull) return { error: `${repositoryName(repository)} has no pull request #${parsed.number}. ${TARGET_USAGE}` };
      if (!pull.merged || !pull.mergeCommitSha) {
        return { error: `Pull request #${pull.number} is ${pull.state === 'open' ? 'still open' : 'closed without merging'}, so there is nothing on ${inlineCode(repository.defaultBranch)} to revert. Only merged changes can be reverted.` };
      }
      sha = pull.mergeCommitSha;
      title = pull.title;
      pullRequest = { number: pull.number, url: pull.url };
    } else {
      sha = parsed.sha;
    }
    const commit = await host.commit(sha);
    if (!commit) return { error: `${repositoryName(repository)} has no commit ${inlineCode(sha.slice(0, 12))}. Check the sha (7 to 40 hex digits of a commit on ${inlineCode(repository.defaultBranch)}).` };
    if (!(await host.contains(repository.defaultBranch, commit.sha))) {
      const what = pullRequest ? `Pull request #${pullRequest.number} was merged, but its commit ${inlineCode(commit.sha.slice(0, 7))}` : `Commit ${inlineCode(commit.sha.slice(0, 7))}`;
      return { error: `${what} is not on ${inlineCode(repository.defaultBranch)} (it was never merged there), so there is nothing on ${inlineCode(repository.defaultBranch)} to revert.` };
    }
    const parent = commit.parents[0];
    if (!parent) return { error: `Commit ${inlineCode(commit.sha.slice(0, 7))} is the first commit of the repository; there is nothing before it to go back to.` };
    // Several commits merged as one single-parent commit: a squash (that commit is all of it) or a rebase (it is only the last).
    const count = pull?.commits;
    if (pull && pullRequest && count !== undefined && count > 1 && commit.parents.length === 1) {
      const how = await mergedAs(host, { ...pull, commits: count }, commit);
      if (how.kind === 'undecidable') {
        const main = repository.defaultBranch;
        return {
          error:
            `Pull request #${pull.number} has ${count} commits and GitHub names ${inlineCode(commit.sha.slice(0, 7))} as what its merge made on ${inlineCode(main)}, ` +
            `but whether it was squash-merged (that commit is all of it) or rebase-merged (that commit is only its last one) cannot be told: ${how.reason}. ` +
            `The Revert Agent does not guess; revert it by commit sha with git instead (${inlineCode(`git log --first-parent ${main}`)} shows the commits, ${inlineCode('git revert <sha>')} undoes one).`,
        };
      }
      if (how.kind === 'rebase') return { commit, parent: how.parent, title: title ?? pull.title, pullRequest, rebased: how.commits.map((c) => c.sha) };
    }
    return { commit, parent, title: title ?? (commit.message.split('\n')[0] || commit.sha.slice(0, 7)), ...(pullRequest ? { pullRequest } : {}) };
  }

  async function propose(request: AgentRequest, _context: AgentContext): Promise<ProposalOutcome> {
    const target = request.options.target?.trim();
    if (!target) return rejected(TARGET_USAGE);
    try {
      const repository = await host.describe();
      const change = await findChange(target, repository);
      if ('error' in change) return rejected(change.error);
      const tip = await host.head(repository.defaultBranch);
      if (!tip) return rejected(`${repositoryName(repository)} has no branch ${inlineCode(repository.defaultBranch)} to revert on.`);
      const undone: RevertProposal['target'] = {
        commit: change.commit.sha,
        parent: change.parent,
        merge: change.commit.parents.length > 1,
        ...(change.pullRequest ? { pullRequest: change.pullRequest } : {}),
        ...(change.rebased ? { rebasedCommits: change.rebased } : {}),
      };
      const named = changeName({ target: undone, originalTitle: change.title });
      const reversed = await reverseChange(host, { parent: change.parent, commit: change.commit.sha }, tip);
      if (reversed.kind === 'unsupported') return rejected(reversed.reason);
      if (reversed.kind === 'nothing') {
        return rejected(
          reversed.files.length === 0
            ? `${named} changes no file, so there is nothing to revert.`
            : `Nothing to revert: every file ${named} changed already looks as it did before it on ${inlineCode(repository.defaultBranch)} (it was reverted already, or undone by hand).`,
        );
      }
      if (reversed.kind === 'conflict') {
        const list = reversed.conflicts.map((c) => `• ${inlineCode(c.path, 100)}: ${c.reason}`).join('\n');
        return rejected(`${named} no longer reverts cleanly onto ${inlineCode(repository.defaultBranch)} at ${inlineCode(tip.slice(0, 7))}; these files conflict:\n${list}\nUndo those lines by hand (or with ${inlineCode('git revert')}), or ask for a new change with /ux-update.`);
      }
      const proposal: RevertProposal = {
        version: 1,
        repository: repository.name,
        repositoryKind: repository.kind,
        baseBranch: repository.defaultBranch,
        baseCommit: tip,
        target: undone,
        originalTitle: change.title,
        files: reversed.files.map((f) => ({
          path: f.path,
          beforeSha256: f.now === undefined ? null : sha256(f.now.content),
          beforeMode: f.now?.mode ?? null,
          content: f.after?.content ?? null,
          ...(f.after ? { mode: f.after.mode } : {}),
        })),
        alreadyUndone: reversed.alreadyUndone,
        diff: revertDiff(reversed.files),
        title: revertTitle(change.title),
      };
      // The proposal waits for Confirm on its task, one DynamoDB item: refuse now what could not be kept.
      const bytes = proposalBytes(proposal);
      if (bytes > MAX_PROPOSAL_BYTES) {
        return rejected(
          `The revert of ${named} comes to ${Math.ceil(bytes / 1024)} KB (the reverted files and the reverse diff); the Revert Agent reverts at most ${MAX_PROPOSAL_BYTES / 1024} KB, what one task can keep while it waits for Confirm. Revert it with git instead (${inlineCode(`git revert ${change.commit.sha.slice(0, 7)}`)}).`,
        );
      }
      return { kind: 'proposal', summary: proposal.title, proposal: proposal as unknown as JsonValue, preview: revertPreview(proposal, request.requester.name) };
    } catch (error) {
      return rejected(failureReason(error, 'The website repository could not be read', deps.logger));
    }
  }

  async function execute(task: Task, _context: AgentContext): Promise<ExecutionOutcome> {
    const parsed = revertProposalSchema.safeParse(task.proposal);
    if (!parsed.success) {
      const error = 'The stored proposal is not a revert proposal.';
      return { kind: 'failed', error, message: replyMessage('Revert failed', `${error} Run /revert again.`) };
    }
    const proposal = parsed.data;
    const branch = task.branch ?? revertBranchName(proposal, task);
    let branchExists = false;
    try {
      const repository = await host.describe();
      if (repository.name !== proposal.repository) {
        const error = `The site repository is now ${repository.name}, not ${proposal.repository} as in the preview.`;
        return { kind: 'failed', error, message: replyMessage('Revert not made', `${error} Run /revert again.`) };
      }
      branchExists = (await host.head(branch)) !== undefined;
      if (!branchExists) {
        const refused = await branchFromPreview(host, proposal, branch, (path, ref) => host.readEntry(path, ref), (changed) =>
          replyMessage('Revert not made', `${changed.map((p) => inlineCode(p)).join(', ')} changed on ${inlineCode(proposal.baseBranch)} since the preview, so this reverse diff no longer applies. Run /revert again to see the new one.`),
        );
        if (refused) return refused;
        branchExists = true;
      }
      // Exactly what the preview showed: each file's content and mode (none given by an older proposal: the branch's executable bit is kept).
      const files: FileWrite[] = proposal.files.map((f) => (f.content === null ? { path: f.path, deleted: true } : { path: f.path, content: f.content, ...(f.mode ? { mode: f.mode } : {}) }));
      await host.commitFiles(branch, files, { message: revertCommitMessage(proposal, task) });
      if (repository.kind === 'local' || !host.openDraftPullRequest) {
        return { kind: 'done', branch, message: revertCommittedMessage(proposal, repository.directory ?? repository.name, branch) };
      }
      const pullRequest = await host.openDraftPullRequest({ head: branch, base: proposal.baseBranch, title: proposal.title, body: revertPullRequestBody(proposal, task) });
      return {
        kind: 'done',
        branch,
        pullRequest: { repository: pullRequest.repository, number: pullRequest.number, url: pullRequest.url },
        message: revertOpenedMessage(proposal, task, branch, pullRequest),
      };
    } catch (error) {
      return await executionFailure(error, 'Revert', { name: branch, exists: branchExists }, revertPreview(proposal, task.requesterName), host, deps.logger);
    }
  }

  return { ...REVERT_AGENT_PROFILE, commands: [...REVERT_AGENT_PROFILE.commands], propose, execute };
}
