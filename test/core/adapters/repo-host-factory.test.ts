import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileFlagReader } from '../../../lambda/core/adapters/file-flags';
import { createFlagSelectedRepoHost } from '../../../lambda/core/adapters/repo-host-factory';
import type { SecretName } from '../../../lambda/core/contract/parameters';
import { recordingLogger } from '../../support/recording-logger';
import { startLoopbackGitHub, type LoopbackGitHub } from '../../support/loopback-github';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

describe('repository host selected by the site-repository flag', () => {
  let root: string;
  let github: LoopbackGitHub;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'valine-repo-factory-'));
    github = await startLoopbackGitHub({ appId: 9, publicKeyPem: keys.publicKey, installationId: 5, owner: 'acme', repo: 'site', files: { 'README.md': '# acme\n' } });
  });
  afterEach(async () => {
    await github.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('follows the flag from the local repository to GitHub without a restart', async () => {
    const flagsFile = join(root, 'flags.json');
    writeFileSync(flagsFile, JSON.stringify({ 'site-repository': 'local' }));
    const secrets: Partial<Record<SecretName, string>> = { 'github-app-id': '9', 'github-private-key': keys.privateKey, 'github-installation-id': '5' };
    const host = createFlagSelectedRepoHost({
      flags: createFileFlagReader(flagsFile, 'dev', recordingLogger(), 0),
      secrets: { get: async (name) => secrets[name] },
      local: { directory: join(root, 'site'), seedFrom: join(__dirname, '../../../examples/site') },
      githubBaseUrl: github.baseUrl,
    });
    await expect(host.describe()).resolves.toMatchObject({ kind: 'local', defaultBranch: 'main' });
    await expect(host.openDraftPullRequest?.({ head: 'x', base: 'main', title: 't', body: 'b' })).rejects.toThrow('The local repository host has no pull requests.');
    writeFileSync(flagsFile, JSON.stringify({ 'site-repository': 'acme/site' }));
    await expect(host.describe()).resolves.toMatchObject({ kind: 'github', name: 'acme/site' });
    await expect(host.readFile('README.md', 'main')).resolves.toBe('# acme\n');
  });
});
