import { branchFromPreview } from '../branch-from-preview';
import { executionFailure } from '../execution-failure';
import type { Agent, AgentContext, AgentRequest, ExecutionOutcome, ProposalCandidate, ProposalOutcome, Requester } from '../../domain/agent';
import { NO_MENTIONS, type DiscordMessage } from '../../domain/discord-message';
import type { JsonValue, Task } from '../../domain/task';
import { type RepoDescription, type RepoHost } from '../../ports/repo-host';
import { codeBlock, inlineCode, noMentions, plainText, shorten } from '../../domain/discord-text';
import { isUndoRequest } from '../../domain/undo-request';
import { parseCommand } from './grammar';
import { EditError } from './edits/edit-error';
import type { IntentParser, ParseOutcome } from './intent';
import { UX_AGENT_PROFILE, UX_MAP_COMMAND } from './profile';
import { buildSiteModel, type SiteModel } from './discovery/site-model';
import { describeSite, overlayMap, vocabularyOf } from './discovery/vocabulary';
import { unsupportedSite } from './discovery/stacks/unsupported';
import { bundleProposal, bundleSections, compose, itemName, planItem, type BundleBase, type PlannedItem, type PlannedOption } from './bundle';
import { MAX_BUNDLE_CHANGES, uxProposalSchema, type BundleItem, type UxProposal } from './proposal';
import { FAILURE_COLOR, NEUTRAL_COLOR, SUCCESS_COLOR, parserLine, previewMessage, replyMessage } from './preview';
import { branchName, commitMessage, pullRequestBody } from './pull-request';
import { amend, readRefinement } from './refine';
import { createRulesParser } from './rules-parser';
import { DEFAULT_SITE_MAP, parseSiteMap, SITE_MAP_PATH, type SiteMap } from './site-map';
import { exampleCommand, resolveSection, sectionList, validateIntent } from './validate';
import type { Logger } from '../../ports/logger';
import type { SiteOutline } from '../../domain/site-outline';
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

/** All candidates of a question are stored on one task item too. */
const MAX_CHOICE_BYTES = 300 * 1024;
/** Discovered sites kept per process, by repository and commit. */
const SITE_CACHE_SIZE = 8;

/** Refinements are read against the open preview; a refusal leaves it as it was and is shown to the person alone. */
const REFINE_REFUSED = 'Preview kept as it was';
/** The longest refinement read: a sentence or two. */
const MAX_REFINEMENT_LENGTH = 500;

const usage = (siteMap: SiteMap) =>
  `Give either ${inlineCode('command:')} in the structured form, e.g. ${inlineCode(exampleCommand(siteMap))}, or ${inlineCode('description:')} in plain words, e.g. ${inlineCode('make the navbar blue')}.`;

const rejected = (text: string, footer?: string, title = 'UX update not possible'): ProposalOutcome => ({ kind: 'rejected', message: replyMessage(title, text, FAILURE_COLOR, footer) });
/** /ux-map's own refusals read as what they are, not as a failed update. */
const MAP_REFUSED = 'Site map not available';

/** The preview of a stored proposal: shown when it is made, again under a retryable failure, and after each refinement. */
function proposalPreview(proposal: UxProposal, requesterName: string, refinedBy?: string): DiscordMessage {
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
    ...(proposal.version === 2 ? { items: proposal.items, limit: MAX_BUNDLE_CHANGES } : {}),
    ...(refinedBy ? { refinedBy } : {}),
  });
}

/** The branch of a task: named after its section, or the sections of its changes. */
function branchOf(proposal: UxProposal, task: Task): string {
  const sections = proposal.version === 2 ? bundleSections(proposal.items) : [proposal.section];
  const name = sections.length === 1 ? sections[0] : sections.join('-').slice(0, 40).replace(/-+$/, '');
  return task.branch ?? branchName(name, task);
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
  // The last site discovered, for the platform's autocomplete of /ux-update's page and section.
  let lastOutline: SiteOutline | undefined;

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
    lastOutline = { pages: (model.pages ?? []).map((p) => p.route), sections: Object.keys(vocabulary.sections), commit };
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
    // The autocompleted `section` and `page` options narrow the request: a structured command gets the section, plain words both.
    const { section: inSection, page: onPage } = request.options;
    const command = request.options.command?.trim() && inSection && !/\bsection:/.test(request.options.command) ? `section:${inSection} ${request.options.command.trim()}` : request.options.command?.trim();
    const description = request.options.description?.trim() && (inSection || onPage) ? `${request.options.description.trim()}${inSection ? ` in the ${inSection}` : ''}${onPage ? ` on ${onPage}` : ''}` : request.options.description?.trim();
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
      const asked = outcome.sectionQuestion;
      return {
        kind: 'clarification',
        message: replyMessage('One question before I prepare the change', outcome.question, NEUTRAL_COLOR, footer),
        ...(asked ? { sectionQuestion: { message: replyMessage('One question before I prepare the change', asked.question, NEUTRAL_COLOR, footer), sections: asked.choices, ...(asked.guessed ? { guessed: asked.guessed } : {}) } } : {}),
      };
    }
    if (outcome.kind === 'invalid') return rejected(outcome.message, footer);

    const validation = validateIntent(outcome.intent, siteMap);
    if (!validation.ok) return rejected(validation.message, footer);
    const item: BundleItem = { words: (command ?? description) as string, parser: outcome.parser, ...(outcome.note ? { note: outcome.note } : {}), intent: validation.intent, section: validation.intent.section, lines: [] };
    return bundleOutcome([item], bundleBase(repository, baseCommit, site), { requesterName: request.requester.name, footer });
  }

  /** What every change of a task is planned against: the commit, its site model (cached), its names. */
  function bundleBase(repository: RepoDescription, baseCommit: string, site: SiteAtCommit): BundleBase {
    return {
      repository,
      baseCommit,
      vocabulary: site.vocabulary,
      model: site.model,
      readFile: async (path) => site.model?.project.text(path) ?? deps.repoHost.readFile(path, baseCommit),
      where: `${inlineCode(repository.defaultBranch)} of ${inlineCode(repository.kind === 'github' ? repository.name : 'the local site repository')}`,
    };
  }

  /**
   * Plans every change of a task against its base and answers with the preview of them all, one
   * question (a place to pick: each candidate is the whole task with that place), or a sentence.
   */
  async function bundleOutcome(items: readonly BundleItem[], base: BundleBase, answer: { requesterName: string; refinedBy?: string; footer?: string; title?: string; added?: number }): Promise<ProposalOutcome> {
    const { footer, title, added } = answer;
    const named = (index: number, message: string) => (items.length > 1 ? `${index === added ? 'The new change' : `Change ${index + 1}`} (${itemName(items[index])}): ${message}` : message);
    const planned: Array<PlannedItem | undefined> = [];
    let choice: { index: number; question: string; options: PlannedOption[]; found?: number } | undefined;
    for (const [index, item] of items.entries()) {
      let plan: Awaited<ReturnType<typeof planItem>>;
      try {
        plan = await planItem(item, base);
      } catch (error) {
        // An edit that cannot be made says why in a sentence of its own (a quote a value cannot hold, a number that is not one).
        if (error instanceof EditError) return rejected(named(index, error.message), footer, title);
        return rejected(failureReason(error, 'The website repository could not be read', deps.logger), footer, title);
      }
      if (plan.ok === false) return rejected(named(index, plan.message), footer, title);
      if (plan.ok === 'question') return { kind: 'clarification', message: replyMessage('One question before I prepare the change', named(index, plan.question), NEUTRAL_COLOR, footer) };
      if (plan.ok === 'choice') {
        if (choice) return rejected(`Changes ${choice.index + 1} and ${index + 1} each match more than one place; drop one of them (e.g. ${inlineCode(`drop change ${index + 1}`)}) and add it again once the other is settled.`, footer, title);
        choice = { index, question: plan.question, options: plan.options, ...(plan.found ? { found: plan.found } : {}) };
        planned.push(undefined);
        continue;
      }
      planned.push(plan.planned);
    }
    const made = async (all: readonly PlannedItem[]) => {
      const composition = await compose(all, base, added);
      return composition.ok ? bundleProposal(all.map((p) => p.item), composition.files, base) : { error: composition.message };
    };
    const preview = (proposal: UxProposal) => proposalPreview(proposal, answer.requesterName, answer.refinedBy);
    if (!choice) {
      const result = await made(planned as PlannedItem[]);
      if ('error' in result) return rejected(result.error, footer, title);
      return { kind: 'proposal', summary: result.summary, proposal: result.proposal as unknown as JsonValue, preview: preview(result.proposal) };
    }
    const at = choice.index;
    const candidates: ProposalCandidate[] = [];
    let bytes = 0;
    let lastError = '';
    for (const option of choice.options) {
      const result = await made(planned.map((p, i) => (i === at ? option.planned : (p as PlannedItem))));
      if ('error' in result) {
        lastError ||= result.error;
        continue;
      }
      bytes += Buffer.byteLength(JSON.stringify(result.proposal), 'utf8');
      if (bytes > MAX_CHOICE_BYTES) break;
      candidates.push({ label: option.label, description: option.description, summary: result.summary, proposal: result.proposal as unknown as JsonValue, preview: preview(result.proposal) });
    }
    if (candidates.length === 0) return rejected(items.length > 1 && lastError ? lastError : `Nothing would change on ${base.where}.`, footer, title);
    const list = candidates.map((c, i) => `${i + 1}. ${c.label}${c.description ? ` — ${c.description}` : ''}`).join('\n');
    const found = Math.max(choice.found ?? 0, choice.options.length);
    const more = found > candidates.length ? `\n\nThese are ${candidates.length} of the ${found} places found; to reach another, name its page or quote more of its text.` : '';
    return { kind: 'choice', question: replyMessage('Which one?', `${named(at, choice.question)}\n\n${list}${more}`, NEUTRAL_COLOR, footer), candidates };
  }

  /**
   * "darker", "call it Plans", "also make the footer blue", "drop the footer change": the words read
   * against the task's changes, every change planned again against the same base commit (the
   * default branch may have moved since), one preview of them all. Nothing is committed.
   */
  async function refine(task: Task, text: string, requester: Requester, context: AgentContext): Promise<ProposalOutcome> {
    const refused = (message: string, footer?: string) => rejected(message, footer, REFINE_REFUSED);
    const words = text.trim();
    const examples = `e.g. ${inlineCode('darker')}, ${inlineCode('call it "Plans"')} or ${inlineCode('also make the footer blue')}`;
    if (words === '') return refused(`The refinement is empty. Say what should change, ${examples}.`);
    if (words.length > MAX_REFINEMENT_LENGTH) return refused(`The refinement is ${words.length} characters long; the limit is ${MAX_REFINEMENT_LENGTH}. Say one change at a time, ${examples}.`);
    const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(words);
    if (control) return refused(`The refinement contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${control.index + 1}; remove it and say what should change, ${examples}.`);
    if (isUndoRequest(words)) return refused('To drop the whole task, press Cancel; a refinement changes one of its changes. The preview is as it was.');
    const parsed = uxProposalSchema.safeParse(task.proposal);
    if (!parsed.success) {
      return refused(task.candidates && task.candidates.length > 0 ? 'There is no preview to refine yet: pick one of the places offered first, then refine its preview.' : 'This task holds no UX preview to refine; run /ux-update for a new change.');
    }
    const proposal = parsed.data;
    if (proposal.version === 1) return refused('This preview was made before the UX Agent could refine one. Confirm it as it is, or Cancel and run /ux-update again with the whole request.');
    let repository: RepoDescription;
    let site: SiteAtCommit | { error: string };
    try {
      repository = await deps.repoHost.describe();
      if (repository.name !== proposal.repository) return refused(`The site repository is now ${inlineCode(repository.name)}, not ${inlineCode(proposal.repository)} as in the preview. Cancel this task and run /ux-update again.`);
      site = await siteAt(repository, proposal.baseCommit);
    } catch (error) {
      return refused(failureReason(error, 'The website repository could not be read', deps.logger));
    }
    if ('error' in site) return refused(site.error);
    const base = bundleBase(repository, proposal.baseCommit, site);
    const answer = { requesterName: task.requesterName, ...(requester.id !== task.requesterId ? { refinedBy: requester.name } : {}), title: REFINE_REFUSED };
    const amendment = amend(readRefinement(words, site.vocabulary), proposal.items, site.vocabulary, words);
    let outcome: ProposalOutcome;
    switch (amendment.kind) {
      case 'refused':
        return refused(amendment.message);
      case 'items':
        outcome = await bundleOutcome(amendment.items, base, answer);
        break;
      case 'drop':
        outcome = amendment.indexes.length === 1 ? await bundleOutcome(proposal.items.filter((_, i) => i !== amendment.indexes[0]), base, answer) : await whichToDrop(proposal.items, amendment.indexes, words, base, answer);
        break;
      case 'add': {
        const parsedAdd = await parseAddition(amendment.description, site, requester, context);
        if ('refusal' in parsedAdd) return parsedAdd.refusal;
        outcome = await bundleOutcome([...proposal.items, parsedAdd.item], base, { ...answer, footer: parserLine(parsedAdd.item.parser, parsedAdd.item.note), added: proposal.items.length });
        break;
      }
    }
    if (outcome.kind === 'proposal' && (outcome.proposal as { diff?: unknown }).diff === proposal.diff) {
      return refused(`That leaves the preview as it was: it already shows that. This task holds ${proposal.items.map((item, n) => `${n + 1}. ${itemName(item)}`).join('; ')}.`);
    }
    return outcome;
  }

  /** "also …": a new change, read like a /ux-update description (or a structured command), checked against the site. */
  async function parseAddition(description: string, site: SiteAtCommit, requester: Requester, context: AgentContext): Promise<{ item: BundleItem } | { refusal: ProposalOutcome }> {
    const siteMap = site.vocabulary;
    const command = /^(?:command:\s*)?section:/i.test(description) ? description.replace(/^command:\s*/i, '') : undefined;
    const outcome: ParseOutcome = command
      ? parseCommand(command, siteMap)
      : await describeParser.parse(description, siteMap, { flags: context.flags, now: context.now, requester, pageTexts: pageTexts(site.model), pages: (site.model?.pages ?? []).map((p) => p.route) });
    const footer = parserLine(outcome.parser, outcome.note);
    if (outcome.kind === 'clarification') return { refusal: { kind: 'clarification', message: replyMessage('One question before I add the change', outcome.question, NEUTRAL_COLOR, footer) } };
    if (outcome.kind === 'invalid') return { refusal: rejected(outcome.message, footer, REFINE_REFUSED) };
    const validation = validateIntent(outcome.intent, siteMap);
    if (!validation.ok) return { refusal: rejected(validation.message, footer, REFINE_REFUSED) };
    return { item: { words: description, parser: outcome.parser, ...(outcome.note ? { note: outcome.note } : {}), intent: validation.intent, section: validation.intent.section, lines: [] } };
  }

  /** Several changes match "drop the footer change": which one goes is asked, each candidate the task without it. */
  async function whichToDrop(items: readonly BundleItem[], indexes: readonly number[], words: string, base: BundleBase, answer: { requesterName: string; refinedBy?: string; title?: string }): Promise<ProposalOutcome> {
    const candidates: ProposalCandidate[] = [];
    for (const index of indexes) {
      const outcome = await bundleOutcome(items.filter((_, i) => i !== index), base, answer);
      if (outcome.kind !== 'proposal') continue;
      const what = itemName(items[index]).replace(/`/g, '"');
      candidates.push({ label: shorten(`Drop change ${index + 1}: ${what}`, 100), description: shorten(`keep ${items.length - 1} change${items.length === 2 ? '' : 's'}`, 100), summary: outcome.summary, proposal: outcome.proposal, preview: outcome.preview });
    }
    if (candidates.length === 0) return rejected(`No change of this task can be dropped that way; say which by its number, e.g. ${inlineCode(`drop change ${indexes[0] + 1}`)}.`, undefined, REFINE_REFUSED);
    const list = candidates.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
    return { kind: 'choice', question: replyMessage('Which one?', `${indexes.length} changes of this task match ${inlineCode(shorten(words, 60))}. Which one should go? Pick it below to see the preview without it.\n\n${list}`, NEUTRAL_COLOR), candidates };
  }

  async function execute(task: Task, _context: AgentContext): Promise<ExecutionOutcome> {
    const parsed = uxProposalSchema.safeParse(task.proposal);
    if (!parsed.success) {
      const error = 'The stored proposal is not a UX proposal.';
      return { kind: 'failed', error, message: replyMessage('UX update failed', `${error} Run /ux-update again.`) };
    }
    const proposal = parsed.data;
    const branch = branchOf(proposal, task);
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
        // The file as the preview read it (readFile: the contents API, one request a file).
        const readText = async (path: string, ref: string) => {
          const content = await deps.repoHost.readFile(path, ref);
          return content === undefined ? undefined : { content };
        };
        const refused = await branchFromPreview(deps.repoHost, proposal, branch, readText, (changed) =>
          replyMessage('UX update not applied', `${changed.map((p) => inlineCode(p)).join(', ')} changed on ${inlineCode(proposal.baseBranch)} since the preview, so this diff no longer applies. Run /ux-update again to see the new diff.`),
        );
        if (refused) return refused;
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
        ...(proposal.version === 2 ? { items: proposal.items.map((i) => ({ section: i.section, changes: i.lines, words: i.words, ...(i.refinements ? { refinements: i.refinements } : {}) })) } : {}),
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
    refine,
    execute,
    outline: () => lastOutline,
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
