import { noMentions } from './discord-text';

/** Text an agent writes to GitHub (commit messages, pull-request titles and bodies), made inert and exact. */

/** GitHub refuses a pull-request body longer than this ("body is too long (maximum is 65536 characters)"). */
export const GITHUB_BODY_LIMIT = 65_536;

/**
 * Text for a commit message or a pull-request title (plain text: GitHub links references and mentions there but has no
 * escape), changed visibly so that GitHub makes nothing of it: `@octocat` → `@ octocat`, `#1` and `acme/site#2` →
 * `# 1`, `acme/site# 2`, `GH-3` → `GH- 3`, an issue or pull-request URL loses its `https://`. With no reference left, a
 * closing keyword (`Fixes`, `closes`, …) has nothing to close. No invisible character is used: what you read is what
 * was committed.
 */
export function githubInert(text: string): string {
  return text
    .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '@ ')
    .replace(/#(?=[0-9]+(?![A-Za-z0-9_]))/g, '# ')
    .replace(/\b(GH)-(?=[0-9])/gi, '$1- ')
    .replace(/(?:https?:\/\/)?(?:www\.)?(github\.com\/[^\s/]+\/[^\s/]+\/(?:issues|pull)\/[0-9])/gi, '$1');
}

/**
 * One line: every line break and run of white space becomes one space. A display name or value
 * in a commit message must stay on its line: a line of its own could be read as a trailer
 * (`Co-authored-by: …`, `Signed-off-by: …`) or end a paragraph.
 */
export function githubOneLine(text: string): string {
  return text.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
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
