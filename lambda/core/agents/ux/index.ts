import { createHash } from 'node:crypto';
import type { Agent, AgentContext, AgentRequest, ExecutionOutcome, ProposalOutcome } from '../../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../../domain/discord-message';
import type { Task } from '../../domain/task';
import { RepoHostError, type RepoDescription, type RepoHost } from '../../ports/repo-host';
import { unifiedDiff } from './diff';
import { codeBlock, inlineCode, noMentions } from '../../domain/discord-text';
import { parseCommand } from './grammar';
import type { IntentParser, ParseOutcome } from './intent';
import { planEdits } from './plan';
import { uxProposalSchema, type UxProposal } from './proposal';
import { FAILURE_COLOR, NEUTRAL_COLOR, SUCCESS_COLOR, changeSummary, parserLine, previewMessage, replyMessage } from './preview';
import { branchName, commitMessage, pullRequestBody, pullRequestTitle } from './pull-request';
import { createRulesParser } from './rules-parser';
import { DEFAULT_SITE_MAP, parseSiteMap, SITE_MAP_PATH, type SiteMap } from './site-map';
import { exampleCommand, validateIntent } from './validate';
import { errorMessage } from '../../domain/error-message';

export type { IntentParser, ParseOutcome, UxIntent } from './intent';
export type { SiteMap } from './site-map';
export { DEFAULT_SITE_MAP } from './site-map';

export interface UxAgentDeps {
  repoHost: RepoHost;
  /** Plain-language parser; defaults to the deterministic rules. The LLM parser wraps this one. */
  describeParser?: IntentParser;
  /** The map used when the repository carries no `.valine/ux-map.json`. */
  defaultSiteMap?: SiteMap;
}

export const UX_AGENT_ID = 'ux';
export const UX_COMMAND = 'ux-update';

/** The edited files are stored on the task, and a DynamoDB item holds at most 400 KB. */
const MAX_PROPOSAL_BYTES = 256 * 1024;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const usage = (siteMap: SiteMap) =>
  `Give either ${inlineCode('command:')} in the structured form, e.g. ${inlineCode(exampleCommand(siteMap))}, or ${inlineCode('description:')} in plain words, e.g. ${inlineCode('make the navbar blue')}.`;

const rejected = (text: string, footer?: string): ProposalOutcome => ({ kind: 'rejected', message: replyMessage('UX update not possible', text, FAILURE_COLOR, footer) });

/** The preview of a stored proposal: shown when it is made, and again under a retryable failure. */
function proposalPreview(proposal: UxProposal, requesterName: string): DiscordMessage {
  return previewMessage({
    section: proposal.section,
    changes: proposal.changes,
    diff: proposal.diff,
    repository: { kind: proposal.repositoryKind ?? 'github', name: proposal.repository, defaultBranch: proposal.baseBranch },
    baseCommit: proposal.baseCommit,
    requesterName,
    parser: proposal.parser,
    ...(proposal.note ? { note: proposal.note } : {}),
  });
}

/** The base the preview is computed on: the default branch's tip, and the site map found there. */
async function loadBase(repoHost: RepoHost, fallback: SiteMap): Promise<{ repository: RepoDescription; baseCommit: string; siteMap: SiteMap } | { error: string }> {
  const repository = await repoHost.describe();
  const baseCommit = await repoHost.head(repository.defaultBranch);
  if (!baseCommit) return { error: `The repository has no branch ${inlineCode(repository.defaultBranch)} to change.` };
  const mapText = await repoHost.readFile(SITE_MAP_PATH, baseCommit);
  if (mapText === undefined) return { repository, baseCommit, siteMap: fallback };
  const parsed = parseSiteMap(mapText, SITE_MAP_PATH);
  return parsed.ok ? { repository, baseCommit, siteMap: parsed.siteMap } : { error: parsed.message };
}

export function createUxAgent(deps: UxAgentDeps): Agent {
  const describeParser = deps.describeParser ?? createRulesParser();
  const fallbackMap = deps.defaultSiteMap ?? DEFAULT_SITE_MAP;

  async function propose(request: AgentRequest, context: AgentContext): Promise<ProposalOutcome> {
    const command = request.options.command?.trim();
    const description = request.options.description?.trim();
    if (command && description) return rejected(`Give ${inlineCode('command:')} or ${inlineCode('description:')}, not both.`);
    if (!command && !description) return rejected(usage(fallbackMap));

    let base: Awaited<ReturnType<typeof loadBase>>;
    try {
      base = await loadBase(deps.repoHost, fallbackMap);
    } catch (error) {
      return rejected(`The website repository could not be read: ${(error as Error).message}`);
    }
    if ('error' in base) return rejected(base.error);
    const { repository, baseCommit, siteMap } = base;

    const outcome: ParseOutcome = command
      ? parseCommand(command, siteMap)
      : await describeParser.parse(description as string, siteMap, { flags: context.flags, now: context.now, requester: request.requester });
    const footer = parserLine(outcome.parser, outcome.note);
    if (outcome.kind === 'clarification') {
      return { kind: 'clarification', message: replyMessage('One question before I prepare the change', outcome.question, NEUTRAL_COLOR, footer) };
    }
    if (outcome.kind === 'invalid') return rejected(outcome.message, footer);

    const validation = validateIntent(outcome.intent, siteMap);
    if (!validation.ok) return rejected(validation.message, footer);
    const intent = validation.intent;
    const where = `${inlineCode(repository.defaultBranch)} of ${inlineCode(repository.kind === 'github' ? repository.name : 'the local site repository')}`;
    let plan: Awaited<ReturnType<typeof planEdits>>;
    try {
      plan = await planEdits(intent, siteMap, (path) => deps.repoHost.readFile(path, baseCommit), where);
    } catch (error) {
      return rejected(`The website repository could not be read: ${(error as Error).message}`, footer);
    }
    if (!plan.ok) return rejected(plan.message, footer);
    if (plan.files.length === 0) {
      return rejected(`Nothing would change: the ${intent.section} already looks like that on ${where}.`, footer);
    }

    const size = plan.files.reduce((total, f) => total + Buffer.byteLength(f.after, 'utf8'), 0);
    if (size > MAX_PROPOSAL_BYTES) {
      return rejected(`The files to change add up to ${Math.round(size / 1024)} KB; the UX Agent edits files up to ${MAX_PROPOSAL_BYTES / 1024} KB in total. Point the site map at smaller files.`, footer);
    }
    const diff = unifiedDiff(plan.files);
    const title = pullRequestTitle(intent.section, plan.lines);
    const proposal: UxProposal = {
      version: 1,
      repository: repository.name,
      repositoryKind: repository.kind,
      baseBranch: repository.defaultBranch,
      baseCommit,
      section: intent.section,
      parser: outcome.parser,
      ...(outcome.note ? { note: outcome.note } : {}),
      changes: plan.lines,
      files: plan.files.map((f) => ({ path: f.path, beforeSha256: sha256(f.before), content: f.after })),
      diff,
      title,
    };
    return {
      kind: 'proposal',
      summary: changeSummary(intent.section, plan.lines),
      proposal,
      preview: proposalPreview(proposal, request.requester.name),
    };
  }

  /** The commit to branch from: the previewed base, or the new tip when the files previewed are unchanged there. */
  async function branchPoint(proposal: UxProposal): Promise<{ commit: string } | { changed: string[] }> {
    const tip = await deps.repoHost.head(proposal.baseBranch);
    if (!tip) throw new RepoHostError(`The branch ${proposal.baseBranch} no longer exists.`, false);
    if (tip === proposal.baseCommit) return { commit: tip };
    const changed: string[] = [];
    for (const file of proposal.files) {
      const now = await deps.repoHost.readFile(file.path, tip);
      if (now === undefined || sha256(now) !== file.beforeSha256) changed.push(file.path);
    }
    return changed.length > 0 ? { changed } : { commit: tip };
  }

  async function execute(task: Task, _context: AgentContext): Promise<ExecutionOutcome> {
    const parsed = uxProposalSchema.safeParse(task.proposal);
    if (!parsed.success) {
      const error = 'The stored proposal is not a UX proposal.';
      return { kind: 'failed', error, message: replyMessage('UX update failed', `${error} Run /ux-update again.`) };
    }
    const proposal = parsed.data;
    const branch = task.branch ?? branchName(proposal.section, task);
    let branchExists = false;
    try {
      const repository = await deps.repoHost.describe();
      if (repository.name !== proposal.repository) {
        const error = `The site repository is now ${repository.name}, not ${proposal.repository} as in the preview.`;
        return { kind: 'failed', error, message: replyMessage('UX update not applied', `${error} Run /ux-update again.`) };
      }
      const existing = await deps.repoHost.head(branch);
      branchExists = existing !== undefined;
      if (!existing) {
        const point = await branchPoint(proposal);
        if ('changed' in point) {
          const error = `${point.changed.join(', ')} changed on ${proposal.baseBranch} since the preview.`;
          return {
            kind: 'failed',
            error,
            message: replyMessage('UX update not applied', `${point.changed.map((p) => inlineCode(p)).join(', ')} changed on ${inlineCode(proposal.baseBranch)} since the preview, so this diff no longer applies. Run /ux-update again to see the new diff.`),
          };
        }
        await deps.repoHost.ensureBranch(branch, point.commit);
        branchExists = true;
      }
      const text = {
        section: proposal.section,
        changes: proposal.changes,
        requesterName: task.requesterName,
        requesterId: task.requesterId,
        taskId: task.taskId,
        commandLine: task.command,
        diff: proposal.diff,
        parserLine: parserLine(proposal.parser, proposal.note),
      };
      await deps.repoHost.commitFiles(
        branch,
        proposal.files.map((f) => ({ path: f.path, content: f.content })),
        { message: commitMessage(proposal.title, text) },
      );
      if (repository.kind === 'local' || !deps.repoHost.openDraftPullRequest) return localDone(repository, proposal, branch);
      const pullRequest = await deps.repoHost.openDraftPullRequest({ head: branch, base: proposal.baseBranch, title: proposal.title, body: pullRequestBody(text) });
      return {
        kind: 'done',
        branch,
        pullRequest: { repository: pullRequest.repository, number: pullRequest.number, url: pullRequest.url },
        message: {
          embeds: [
            {
              title: `Draft pull request #${pullRequest.number} opened`,
              url: pullRequest.url,
              description: `${noMentions(proposal.title)}\n\n${pullRequest.url}\nBranch ${inlineCode(branch)} · requested by ${noMentions(task.requesterName)}`,
              color: SUCCESS_COLOR,
            },
          ],
          components: [],
          allowed_mentions: NO_MENTIONS,
        },
      };
    } catch (error) {
      const reason = errorMessage(error);
      const kept = branchExists ? ` The branch ${inlineCode(branch)} is kept and will be reused.` : '';
      if (error instanceof RepoHostError && error.retryable) {
        return {
          kind: 'retryable',
          error: reason,
          ...(branchExists ? { branch } : {}),
          message: {
            // The preview stays visible under the notice: Confirm again still means "this diff".
            embeds: [
              ...(replyMessage('UX update interrupted', `${reason}${kept} Press Confirm again to finish; nothing will be done twice.`).embeds ?? []),
              ...(proposalPreview(proposal, task.requesterName).embeds ?? []),
            ],
            allowed_mentions: NO_MENTIONS,
          },
        };
      }
      return { kind: 'failed', error: reason, message: replyMessage('UX update failed', `${reason}${kept}`) };
    }
  }

  return {
    id: UX_AGENT_ID,
    name: 'UX Agent',
    description: 'Edits the website header, footer, navbar and home page, shows a diff preview, and opens a draft pull request once you confirm.',
    commands: [UX_COMMAND],
    pausedBy: 'disable-ux-updates',
    propose,
    execute,
  };
}

function localDone(repository: RepoDescription, proposal: UxProposal, branch: string): ExecutionOutcome {
  const directory = repository.directory ?? repository.name;
  return {
    kind: 'done',
    branch,
    message: {
      embeds: [
        {
          title: `Branch ${branch} committed`,
          description: `${noMentions(proposal.title)}\n\nThe change is committed on ${inlineCode(branch)} in the local site repository (no pull request in local mode). Inspect it with:\n${codeBlock(`git -C ${directory} diff ${proposal.baseBranch}..${branch}`, 'sh')}`,
          color: SUCCESS_COLOR,
        },
      ],
      components: [],
      allowed_mentions: NO_MENTIONS,
    },
  };
}
