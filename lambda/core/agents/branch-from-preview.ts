import { createHash } from 'node:crypto';
import type { ExecutionOutcome } from '../domain/agent';
import type { DiscordMessage } from '../domain/discord-message';
import { RepoHostError, type RepoFile, type RepoHost } from '../ports/repo-host';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What a preview was computed on: the branch and commit, and each file as it was there (null: absent). */
export interface PreviewedBase {
  baseBranch: string;
  baseCommit: string;
  files: ReadonlyArray<{ path: string; beforeSha256: string | null; beforeMode?: string | null | undefined }>;
}

/**
 * Makes a task's branch at the commit its preview was computed on, or at the default branch's new
 * tip when every previewed file is unchanged there (content, and mode when the preview kept one).
 * Answers the failed outcome, built by `refusal` from the files that moved, when the diff no longer
 * applies; nothing is made then.
 */
export async function branchFromPreview(
  host: Pick<RepoHost, 'head' | 'ensureBranch'>,
  base: PreviewedBase,
  branch: string,
  read: (path: string, ref: string) => Promise<Pick<RepoFile, 'content'> & Partial<Pick<RepoFile, 'mode'>> | undefined>,
  refusal: (changed: readonly string[]) => DiscordMessage,
): Promise<Extract<ExecutionOutcome, { kind: 'failed' }> | undefined> {
  const tip = await host.head(base.baseBranch);
  if (!tip) throw new RepoHostError(`The branch ${base.baseBranch} no longer exists.`, false);
  const changed: string[] = [];
  if (tip !== base.baseCommit) {
    for (const file of base.files) {
      const now = await read(file.path, tip);
      const moved = (now === undefined ? null : sha256(now.content)) !== file.beforeSha256 || (file.beforeMode !== undefined && (now?.mode ?? null) !== file.beforeMode);
      if (moved) changed.push(file.path);
    }
  }
  if (changed.length > 0) return { kind: 'failed', error: `${changed.join(', ')} changed on ${base.baseBranch} since the preview.`, message: refusal(changed) };
  await host.ensureBranch(branch, tip);
  return undefined;
}
