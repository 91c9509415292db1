import { NEUTRAL_COLOR } from '../../domain/agent-messages';
import { DISCORD_LIMITS, NO_MENTIONS, type DiscordMessage, type Embed } from '../../domain/discord-message';

export { FAILURE_COLOR, NEUTRAL_COLOR, SUCCESS_COLOR, replyMessage } from '../../domain/agent-messages';
import type { RepoDescription } from '../../ports/repo-host';
import { hexToNumber } from './color';
import { fitDiff, shortenMiddle, type OmittedChanges } from '../../domain/diff';
import { codeBlock, fenceSafe, inlineCode, noMentions, plainText, shorten } from '../../domain/discord-text';
import type { ParserName } from './intent';
import type { ChangeLine } from './plan';

/** Room left in the description for what the platform adds (task id, expiry). */
const DESCRIPTION_BUDGET = DISCORD_LIMITS.embedDescription - 400;

export function parserLine(parser: ParserName, note?: string): string {
  const who =
    parser === 'grammar' ? 'Read as a structured command' : parser === 'rules' ? 'Understood by the built-in rules (no LLM)' : `Understood by ${parser === 'openai' ? 'OpenAI' : 'Anthropic'}`;
  return note ? `${who}: ${note}` : `${who}.`;
}

export function changeSummary(section: string, changes: readonly ChangeLine[]): string {
  return noMentions(
    `${section}: ${changes
      .map((c) => (c.kind === 'links' ? (LINK_VERBS.test(c.to) ? shorten(c.to, 80) : `add link ${shorten(c.to, 60)}`) : `${c.property} → ${c.kind === 'color' ? colorWithName(c) : c.kind === 'style' ? shorten(c.to, 60) : JSON.stringify(shorten(c.to, 60))}`))
      .join('; ')}`,
  );
}

/** Discovered link changes say what they do ("add Pricing:/pricing, remove Blog"); map ones list the added links. */
const LINK_VERBS = /^(?:add|remove|rename) /;

const SITE_BASE = 'https://this-site.invalid/';
const SITE_HOST = new URL(SITE_BASE).host;

/**
 * The hosts other than the site's that link changes (`add Label:href`, `Label:href`, joined by
 * ", ") point at, as a browser reads them (the WHATWG URL parser): `evil.example` for
 * `https://docs.acme.example&a@evil.example/`, and for `//evil.example` or `/\\evil.example` too.
 */
export function linkHosts(text: string): string[] {
  const hosts: string[] = [];
  for (const part of text.split(', ')) {
    const link = part.replace(/^(?:add|remove|rename) /, '');
    const colon = link.indexOf(':');
    if (colon < 0) continue;
    let host: string;
    try {
      const url = new URL(link.slice(colon + 1).trim(), SITE_BASE);
      host = url.host || `${url.protocol} (no host)`;
    } catch {
      continue;
    }
    if (host !== SITE_HOST && !hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

/** One link as inline code, shortened in the middle so its end stays visible, followed by the real host of where it goes. */
function linkCode(link: string): string {
  const hosts = linkHosts(link);
  const host = hosts.length > 0 ? ` → host **${hosts.map((h) => plainHost(h)).join('**, **')}**` : '';
  return `${inlineCode(shortenMiddle(link, 80, 38))}${host}`;
}

/** A host is letters, digits, dots, dashes, colons and brackets; anything else is shown escaped so it cannot format. */
const plainHost = (host: string): string => shorten(host, 100).replace(/[^A-Za-z0-9.:\[\]-]/g, (c) => `\\${c}`);

function changeBullet(change: ChangeLine): string {
  const at = change.at ? ` (${inlineCode(change.at)})` : '';
  if (change.kind === 'links' && LINK_VERBS.test(change.to)) return `• **links**${at}: ${change.to.split(', ').map((l) => linkCode(l)).join(', ')}`;
  if (change.kind !== 'links' && change.at) return `• **${change.property}**${at}: ${inlineCode(change.from)} → ${inlineCode(change.to)}${change.named ? ` (${change.named})` : ''}`;
  if (change.kind === 'links') return `• add link${change.to.includes(', ') ? 's' : ''} ${change.to.split(', ').map((l) => linkCode(l)).join(', ')}`;
  return `• **${change.property}**: ${inlineCode(change.from)} → ${inlineCode(change.to)}${change.named ? ` (${change.named})` : ''}`;
}

/** `#ff0000 (red)` when the person named the colour: the hex value is what gets written. */
export function colorWithName(change: Pick<ChangeLine, 'to' | 'named'>): string {
  return change.named ? `${change.to} (${change.named})` : change.to;
}

export interface PreviewInput {
  section: string;
  changes: readonly ChangeLine[];
  diff: string;
  repository: RepoDescription;
  baseCommit: string;
  requesterName: string;
  parser: ParserName;
  note?: string;
  /** What the preview should say about how the change is made (kept tokens, config files). */
  notes?: readonly string[];
  /** A task of several changes: each listed numbered under its section, above the one diff of them all. */
  items?: ReadonlyArray<{ section: string; lines: readonly ChangeLine[]; parser: ParserName; note?: string; notes?: readonly string[] }>;
  /** Someone other than the requester refined the task: named beside them. */
  refinedBy?: string;
  /** The most changes one task holds, when the task holds that many: the preview says so. */
  limit?: number;
}

/** The footer: the parser that read each change, once each. */
function parsersLine(input: PreviewInput): string {
  const lines = input.items && input.items.length > 1 ? [...new Set(input.items.map((i) => parserLine(i.parser, i.note)))] : [parserLine(input.parser, input.note)];
  return shorten(lines.join(' '), 2000);
}

/** What the preview lists above the diff: one change's lines, or every change numbered under its section. */
function changesHead(input: PreviewInput, where: string): string[] {
  const items = input.items && input.items.length > 1 ? input.items : undefined;
  const notes = (list: readonly string[] | undefined) => (list ?? []).map((n) => `_${noMentions(shorten(n, 300))}_`);
  if (!items) return [`Proposed change to the **${input.section}** of ${where}:`, ...input.changes.map(changeBullet), ...notes(input.notes)];
  const full = input.limit !== undefined && items.length >= input.limit ? ', the most one task holds' : '';
  const intro = `Proposed changes (${items.length}${full}) to ${where}:`;
  const listed = (item: (typeof items)[number], n: number, withNotes: boolean) => [`**${n + 1}. ${item.section}**`, ...item.lines.map(changeBullet), ...(withNotes ? notes(item.notes) : [])];
  const fits = (lines: readonly string[]) => lines.join('\n').length <= BUNDLE_HEAD_MAX;
  const whole = [intro, ...items.flatMap((item, n) => listed(item, n, true))];
  if (fits(whole)) return whole;
  // Ten changes with their notes could crowd out the diff, or pass Discord's limit: the notes go first, then the last changes.
  const left = '_Notes on how each change is made are left out to fit; Confirm commits every change listed and shown in the diff._';
  const bare = [intro, ...items.flatMap((item, n) => listed(item, n, false))];
  if (fits([...bare, left])) return [...bare, left];
  const out = [intro];
  for (const [n, item] of items.entries()) {
    const more = `… and ${items.length - n} more change${items.length - n === 1 ? '' : 's'} (${[...new Set(items.slice(n).map((i) => i.section))].join(', ')}), in the diff below; Confirm commits every one.`;
    if (!fits([...out, ...listed(item, n, false), more])) return [...out, more];
    out.push(...listed(item, n, false));
  }
  return out;
}

/** The most room the list of a task's changes takes, so the diff keeps a third of the description. */
const BUNDLE_HEAD_MAX = 2400;

/** The preview above the Confirm / Cancel buttons: what changes, the real diff fitted to Discord, who asked. */
export function previewMessage(input: PreviewInput): DiscordMessage {
  const colorChange = input.changes.find((c) => c.kind === 'color');
  const newColor = colorChange?.hex ?? (colorChange && /^#[0-9a-f]{6}$/i.test(colorChange.to) ? colorChange.to : undefined);
  const where = `${inlineCode(input.repository.kind === 'github' ? input.repository.name : 'local site repository')} on ${inlineCode(input.repository.defaultBranch)} at ${inlineCode(input.baseCommit.slice(0, 7))}`;
  const head = [...changesHead(input, where), ''].join('\n');
  const fenceRoom = '```diff\n\n```'.length;
  const fitted = fitDiff(input.diff, DESCRIPTION_BUDGET - head.length - fenceRoom - HIDDEN_NOTE_ROOM, (line) => fenceSafe(line).length);
  const hidden = fitted.hiddenLines > 0 ? `\n${hiddenNote(fitted.hiddenLines, fitted.omitted, input.repository.kind)}` : '';
  const embed: Embed = {
    title: shorten(`UX update · ${input.section}`, 200),
    description: `${head}${fitted.shownLines > 0 ? codeBlock(fitted.text, 'diff') : ''}${hidden}`,
    color: newColor ? hexToNumber(newColor) : NEUTRAL_COLOR,
    fields: [
      { name: 'Requested by', value: plainText(shorten(input.requesterName, 100)), inline: true },
      ...(input.refinedBy ? [{ name: 'Refined by', value: plainText(shorten(input.refinedBy, 100)), inline: true }] : []),
    ],
    footer: { text: parsersLine(input) },
  };
  return { embeds: [embed], allowed_mentions: NO_MENTIONS };
}

/** Room kept under the diff for what it leaves out: at most this many files are named, the rest counted. */
const HIDDEN_NOTE_ROOM = 700;
const HIDDEN_FILES_NAMED = 5;

/** Says how much of the diff is not shown and, per file, how many changed lines: a preview never hides a change silently. */
function hiddenNote(hiddenLines: number, omitted: readonly OmittedChanges[], kind: RepoDescription['kind']): string {
  const where = kind === 'github' ? 'the pull request has the full diff' : 'inspect the branch with git diff after confirming';
  const lines = `${hiddenLines} more line${hiddenLines === 1 ? '' : 's'} of the diff not shown`;
  if (omitted.length === 0) return `… ${lines} (${where}).`;
  const named = omitted.slice(0, HIDDEN_FILES_NAMED).map((o) => `${inlineCode(shortenMiddle(o.path, 60, 28))} ${o.changedLines} changed line${o.changedLines === 1 ? '' : 's'}`);
  const rest = omitted.slice(HIDDEN_FILES_NAMED);
  const more = rest.length > 0 ? `, and ${rest.reduce((n, o) => n + o.changedLines, 0)} in ${rest.length} more file${rest.length === 1 ? '' : 's'}` : '';
  return `… ${lines}; left out: ${named.join(', ')}${more} (${where}).`;
}

