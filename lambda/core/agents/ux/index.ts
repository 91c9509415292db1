import { executionFailure } from '../execution-failure';
import { createHash } from 'node:crypto';
import type { Agent, AgentContext, AgentRequest, ExecutionOutcome, ProposalCandidate, ProposalOutcome } from '../../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../../domain/discord-message';
import type { JsonValue, Task } from '../../domain/task';
import { RepoHostError, type RepoDescription, type RepoHost } from '../../ports/repo-host';
import { unifiedDiff } from '../../domain/diff';
import { codeBlock, inlineCode, noMentions, plainText, shorten } from '../../domain/discord-text';
import { parseCommand } from './grammar';
import type { IntentParser, ParseOutcome } from './intent';
import { planEdits, type Plan, type PlannedChange } from './plan';
import { EditError } from './edits/edit-error';
import { UX_AGENT_PROFILE, UX_MAP_COMMAND } from './profile';
import { buildSiteModel, type SiteModel } from './discovery/site-model';
import { describeSite, overlayMap, vocabularyOf } from './discovery/vocabulary';
import { unsupportedSite } from './discovery/stacks/unsupported';
import { uxProposalSchema, type UxProposal } from './proposal';
import { FAILURE_COLOR, NEUTRAL_COLOR, SUCCESS_COLOR, changeSummary, parserLine, previewMessage, replyMessage } from './preview';
import { branchName, commitMessage, pullRequestBody, pullRequestTitle } from './pull-request';
import { createRulesParser } from './rules-parser';
import { DEFAULT_SITE_MAP, parseSiteMap, SITE_MAP_PATH, type SiteMap } from './site-map';
import { exampleCommand, resolveSection, sectionList, validateIntent } from './validate';
import type { Logger } from '../../ports/logger';
import { failureReason } from '../failure-reason';

export type { IntentParser, ParseOutcome, UxIntent } from './intent';
export type { SiteMap } from './site-map';
export { DEFAULT_SITE_MAP } from './site-map';

export interface UxAgentDeps {
  repoHost: RepoHost;
  /** Plain-language parser; defaults to the deterministic rules. The LLM parser wraps this one. */
  describeParser?: IntentParser;
  /** A map laid over discovery when the repository carries no `.valine/ux-map.json` (tests, the sample site). */
  defaultSiteMap?: SiteMap;
  /** Where the detail of a failure goes (what GitHub or git said); people get a sentence. */
  logger?: Logger;
}

export { UX_AGENT_ID, UX_COMMAND, UX_MAP_COMMAND } from './profile';

/** The edited files are stored on the task, and a DynamoDB item holds at most 400 KB. */
const MAX_PROPOSAL_BYTES = 256 * 1024;
/** All candidates of a question are stored on one task item too. */
const MAX_CHOICE_BYTES = 300 * 1024;
/** Discovered sites kept per process, by repository and commit. */
const SITE_CACHE_SIZE = 8;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const usage = (siteMap: SiteMap) =>
  `Give either ${inlineCode('command:')} in the structured form, e.g. ${inlineCode(exampleCommand(siteMap))}, or ${inlineCode('description:')} in plain words, e.g. ${inlineCode('make the navbar blue')}.`;

const rejected = (text: string, footer?: string, title = 'UX update not possible'): ProposalOutcome => ({ kind: 'rejected', message: replyMessage(title, text, FAILURE_COLOR, footer) });
/** /ux-map's own refusals read as what they are, not as a failed update. */
const MAP_REFUSED = 'Site map not available';

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
    ...(proposal.notes && proposal.notes.length > 0 ? { notes: proposal.notes } : {}),
  });
}

interface SiteAtCommit {
  model?: SiteModel;
  /** Names people may use: discovery's, with the repository's map (or the default map) laid over them. */
  vocabulary: SiteMap;
  /** A sentence saying what discovery could not do (no home page found, files skipped), when it matters. */
  warning?: string;
  /** A file the site's stack needs does not parse: every request is answered with the warning. */
  broken?: boolean;
}

interface Base {
  repository: RepoDescription;
  baseCommit: string;
  site: SiteAtCommit;
}

export function createUxAgent(deps: UxAgentDeps): Agent {
  const describeParser = deps.describeParser ?? createRulesParser();
  const sites = new Map<string, SiteAtCommit>();

  /** The site at a commit: read once (one snapshot), discovered once, cached by commit. */
  async function siteAt(repository: RepoDescription, commit: string): Promise<SiteAtCommit | { error: string }> {
    const key = `${repository.name}@${commit}`;
    const cached = sites.get(key);
    if (cached) return cached;
    const snapshot = await deps.repoHost.snapshot(commit);
    const mapText = snapshot.files.get(SITE_MAP_PATH);
    let map = deps.defaultSiteMap;
    if (mapText !== undefined) {
      const parsed = parseSiteMap(mapText, SITE_MAP_PATH);
      if (!parsed.ok) return { error: parsed.message };
      map = parsed.siteMap;
    }
    const model = buildSiteModel(snapshot.files);
    const discovered = vocabularyOf(model);
    const vocabulary = overlayMap(discovered, map);
    const site: SiteAtCommit = {
      model,
      vocabulary,
      ...(model.entry.problem ? { warning: model.entry.problem, broken: true } : Object.keys(vocabulary.sections).length === 0 ? { warning: nothingFoundWarning(model) } : {}),
    };
    sites.set(key, site);
    if (sites.size > SITE_CACHE_SIZE) sites.delete(sites.keys().next().value as string);
    return site;
  }

  async function loadBase(): Promise<Base | { error: string }> {
    const repository = await deps.repoHost.describe();
    const baseCommit = await deps.repoHost.head(repository.defaultBranch);
    if (!baseCommit) return { error: `The repository has no branch ${inlineCode(repository.defaultBranch)} to change.` };
    const site = await siteAt(repository, baseCommit);
    return 'error' in site ? site : { repository, baseCommit, site };
  }

  /** The base, or the refusal to answer with when the repository cannot be read. */
  async function baseOrRefusal(title?: string): Promise<Base | { refusal: ProposalOutcome }> {
    try {
      const base = await loadBase();
      return 'error' in base ? { refusal: rejected(base.error, undefined, title) } : base;
    } catch (error) {
      return { refusal: rejected(failureReason(error, 'The website repository could not be read', deps.logger), undefined, title) };
    }
  }

  async function answerUxMap(request: AgentRequest): Promise<ProposalOutcome> {
    const base = await baseOrRefusal(MAP_REFUSED);
    if ('refusal' in base) return base.refusal;
    const only = request.options.section?.trim().toLowerCase();
    const section = only ? resolveSection(base.site.vocabulary, only) : undefined;
    if (only && !section) return rejected(`Unknown section ${inlineCode(shorten(only, 40))}. Sections: ${sectionList(base.site.vocabulary)}.`, undefined, MAP_REFUSED);
    const lines = base.site.broken ? [] : describeSite(base.site.model, base.site.vocabulary, section);
    const head = `${base.site.model?.framework ?? 'Site'} · ${inlineCode(base.repository.defaultBranch)} at ${inlineCode(base.baseCommit.slice(0, 7))}${base.site.model?.homeFile ? ` · home page ${inlineCode(base.site.model.homeFile)}` : ''}`;
    const body = lines.length > 0 ? codeBlock(lines.join('\n'), 'text') : base.site.warning ?? 'Nothing editable was found.';
    return { kind: 'answer', message: replyMessage('What the UX Agent found', `${head}\n${body}`, NEUTRAL_COLOR, 'Change a place with /ux-update; correct or extend this with .valine/ux-map.json (docs/ux-agent.md).') };
  }

  async function propose(request: AgentRequest, context: AgentContext): Promise<ProposalOutcome> {
    if (request.command === UX_MAP_COMMAND) return answerUxMap(request);
    const command = request.options.command?.trim();
    const description = request.options.description?.trim();
    if (command && description) return rejected(`Give ${inlineCode('command:')} or ${inlineCode('description:')}, not both.`);
    if (!command && !description) return rejected(usage(deps.defaultSiteMap ?? DEFAULT_SITE_MAP));

    const base = await baseOrRefusal();
    if ('refusal' in base) return base.refusal;
    const { repository, baseCommit, site } = base;
    const siteMap = site.vocabulary;
    if (site.broken || Object.keys(siteMap.sections).length === 0) return rejected(site.warning ?? 'Nothing editable was found on the site.');

    const outcome: ParseOutcome = command
      ? parseCommand(command, siteMap)
      : await describeParser.parse(description as string, siteMap, { flags: context.flags, now: context.now, requester: request.requester, pageTexts: pageTexts(site.model), pages: (site.model?.pages ?? []).map((p) => p.route) });
    const footer = parserLine(outcome.parser, outcome.note);
    if (outcome.kind === 'clarification') {
      return { kind: 'clarification', message: replyMessage('One question before I prepare the change', outcome.question, NEUTRAL_COLOR, footer) };
    }
    if (outcome.kind === 'invalid') return rejected(outcome.message, footer);

    const validation = validateIntent(outcome.intent, siteMap);
    if (!validation.ok) return rejected(validation.message, footer);
    const intent = validation.intent;
    const where = `${inlineCode(repository.defaultBranch)} of ${inlineCode(repository.kind === 'github' ? repository.name : 'the local site repository')}`;
    let plan: Plan;
    try {
      plan = await planEdits(intent, siteMap, site.model, async (path) => site.model?.project.text(path) ?? deps.repoHost.readFile(path, baseCommit), where);
    } catch (error) {
      // An edit that cannot be made says why in a sentence of its own (a quote a value cannot hold, a number that is not one).
      if (error instanceof EditError) return rejected(error.message, footer);
      return rejected(failureReason(error, 'The website repository could not be read', deps.logger), footer);
    }
    if (plan.ok === false) return rejected(plan.message, footer);
    if (plan.ok === 'question') return { kind: 'clarification', message: replyMessage('One question before I prepare the change', plan.question, NEUTRAL_COLOR, footer) };

    const proposalFor = (planned: PlannedChange): { proposal: UxProposal; summary: string } | { error: string } => {
      if (planned.files.length === 0) return { error: `Nothing would change: the ${planned.section} already looks like that on ${where}.` };
      const size = planned.files.reduce((total, f) => total + Buffer.byteLength(f.after, 'utf8'), 0);
      if (size > MAX_PROPOSAL_BYTES) {
        return { error: `The files to change add up to ${Math.round(size / 1024)} KB; the UX Agent edits files up to ${MAX_PROPOSAL_BYTES / 1024} KB in total.` };
      }
      const proposal: UxProposal = {
        version: 1,
        repository: repository.name,
        repositoryKind: repository.kind,
        baseBranch: repository.defaultBranch,
        baseCommit,
        section: planned.section,
        parser: outcome.parser,
        ...(outcome.note ? { note: outcome.note } : {}),
        changes: planned.lines,
        ...(planned.notes.length > 0 ? { notes: planned.notes } : {}),
        files: planned.files.map((f) => ({ path: f.path, beforeSha256: sha256(f.before), content: f.after })),
        diff: unifiedDiff(planned.files),
        title: pullRequestTitle(planned.section, planned.lines),
      };
      return { proposal, summary: changeSummary(planned.section, planned.lines) };
    };

    if (plan.ok === 'choice') {
      const candidates: ProposalCandidate[] = [];
      let bytes = 0;
      for (const option of plan.options) {
        const made = proposalFor(option.plan);
        if ('error' in made) continue;
        bytes += Buffer.byteLength(JSON.stringify(made.proposal), 'utf8');
        if (bytes > MAX_CHOICE_BYTES) break;
        candidates.push({ label: option.label, description: option.description, summary: made.summary, proposal: made.proposal as unknown as JsonValue, preview: proposalPreview(made.proposal, request.requester.name) });
      }
      if (candidates.length === 0) return rejected(`Nothing would change on ${where}.`, footer);
      const list = candidates.map((c, i) => `${i + 1}. ${c.label}${c.description ? ` — ${c.description}` : ''}`).join('\n');
      const found = Math.max(plan.found ?? 0, plan.options.length);
      const more = found > candidates.length ? `\n\nThese are ${candidates.length} of the ${found} places found; to reach another, name its page or quote more of its text.` : '';
      return { kind: 'choice', question: replyMessage('Which one?', `${plan.question}\n\n${list}${more}`, NEUTRAL_COLOR, footer), candidates };
    }
    const made = proposalFor(plan);
    if ('error' in made) return rejected(made.error, footer);
    return { kind: 'proposal', summary: made.summary, proposal: made.proposal as unknown as JsonValue, preview: proposalPreview(made.proposal, request.requester.name) };
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
        ...(task.confirmedBy ? { approver: { id: task.confirmedBy.id, name: task.confirmedBy.name } } : {}),
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
              description: `${noMentions(proposal.title)}\n\n${pullRequest.url}\nBranch ${inlineCode(branch)} · requested by ${plainText(task.requesterName)}${task.confirmedBy ? ` · approved by ${plainText(task.confirmedBy.name)}` : ''}`,
              color: SUCCESS_COLOR,
            },
          ],
          components: [],
          allowed_mentions: NO_MENTIONS,
        },
      };
    } catch (error) {
      return await executionFailure(error, 'UX update', { name: branch, exists: branchExists }, proposalPreview(proposal, task.requesterName), deps.repoHost, deps.logger);
    }
  }

  return {
    ...UX_AGENT_PROFILE,
    commands: [...UX_AGENT_PROFILE.commands],
    propose,
    execute,
  };
}

/** Why discovery found nothing: a file it could not read (named with its line), or what the repository looks like and what is read. */
function nothingFoundWarning(model: SiteModel): string {
  const broken = [...model.project.problems].filter(([file]) => model.entries.includes(file) || model.renderedFiles.includes(file) || /(?:config|layout|page|index|app)\.[\w]+$|\/\+(?:page|layout)\.svelte$/.test(file));
  const [file, problem] = broken[0] ?? [];
  const unreadable = file && problem ? `${file} could not be read${problem.line ? ` (line ${problem.line}: ${problem.message})` : ` (${problem.message})`}, so nothing is proposed from it; fix it on the default branch. ` : '';
  const what = model.framework === 'unknown' ? unsupportedSite(model.project) : `No header, navbar, footer or home page was found in this ${model.framework} site.`;
  return `${unreadable}${what} To point the UX Agent at the places to edit, describe them in ${SITE_MAP_PATH} (see docs/ux-agent.md).`;
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

/** Visible texts of the home page, for the LLM to pick "replace this text" requests from. */
function pageTexts(model: SiteModel | undefined): string[] {
  return [...new Set((model?.blocks ?? []).map((b) => b.block.text).filter((t) => t.length <= 120))].slice(0, 80);
}
