import { inlineCode } from '../../domain/discord-text';
import type { RepoDescription } from '../../ports/repo-host';

/** What `/revert target:` names: a pull request of the site repository, or a commit. */
export type RevertTarget = { kind: 'pull-request'; number: number } | { kind: 'commit'; sha: string };

/** Pull-request numbers have at most 6 digits here; 7 or more digits are read as a commit sha. */
const PULL_NUMBER = /^#?([1-9][0-9]{0,5})$/;
const HASH_NUMBER = /^#([1-9][0-9]*)$/;
const COMMIT_SHA = /^[0-9a-f]{7,40}$/i;
/** `https://<host>/<owner>/<name>/pull/<n>` (optionally `/files`, `/commits`, …) or `…/commit/<sha>`. */
const WEB_URL = /^https?:\/\/([^/\s]+)\/([\w.-]+)\/([\w.-]+)\/(pull|commit)\/([0-9a-f]+)(?:\/[\w-]*)?\/?(?:[?#]\S*)?$/i;
const GITHUB_HOSTS = ['github.com', 'www.github.com'];

export const TARGET_USAGE =
  `Name the change to undo: a pull request (${inlineCode('/revert target:#123')}, ${inlineCode('/revert target:123')} or its URL ` +
  `${inlineCode('https://github.com/owner/name/pull/123')}), or a commit sha of 7 to 40 hex digits (${inlineCode('/revert target:1a2b3c4')}).`;

/** GitHub's own host, or the host of the repository's web page (GitHub Enterprise). */
function isRepositoryHost(host: string, repository: Pick<RepoDescription, 'url'>): boolean {
  const own = repository.url ? URL.canParse(repository.url) && new URL(repository.url).host.toLowerCase() : undefined;
  return GITHUB_HOSTS.includes(host.toLowerCase()) || host.toLowerCase() === own;
}

export function parseRevertTarget(text: string, repository: Pick<RepoDescription, 'kind' | 'name' | 'url'>): RevertTarget | { error: string } {
  const target = text.trim();
  const number = PULL_NUMBER.exec(target) ?? HASH_NUMBER.exec(target);
  if (number) return { kind: 'pull-request', number: Number(number[1]) };
  if (COMMIT_SHA.test(target)) return { kind: 'commit', sha: target.toLowerCase() };
  const url = WEB_URL.exec(target);
  if (url && isRepositoryHost(url[1], repository)) {
    const [, , owner, name, kind, id] = url;
    const named = `${owner}/${name}`;
    if (repository.kind !== 'github' || named.toLowerCase() !== repository.name.toLowerCase()) {
      const configured = repository.kind === 'github' ? inlineCode(repository.name) : 'the local site repository';
      return { error: `${inlineCode(target, 120)} is in ${inlineCode(named)}, but the Revert Agent works on ${configured}. Give a pull request or commit of that repository.` };
    }
    if (kind.toLowerCase() === 'pull' && /^[1-9][0-9]*$/.test(id)) return { kind: 'pull-request', number: Number(id) };
    if (kind.toLowerCase() === 'commit' && COMMIT_SHA.test(id)) return { kind: 'commit', sha: id.toLowerCase() };
  }
  return { error: `${inlineCode(target, 120)} is not a pull request or a commit. ${TARGET_USAGE}` };
}
