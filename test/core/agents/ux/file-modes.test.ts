import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubRepoHost } from '../../../../lambda/core/adapters/github-repo-host';
import { createUxAgent } from '../../../../lambda/core/agents/ux';
import { executingTaskFor } from '../../../support/executing-task';
import { startLoopbackGitHub } from '../../../support/loopback-github';
import { seedFixtureRepo, uxContext, uxRequest } from '../../../support/ux-fixture-repo';

const SITE = join(__dirname, '../../../../examples/site');
const CHANGE = { command: 'section:header color:#112233' };

describe('a UX edit keeps the mode of the file it edits', () => {
  it('on a local git repository: an executable stylesheet stays 100755', async () => {
    const repo = await seedFixtureRepo(SITE);
    try {
      repo.git('update-index', '--chmod=+x', 'src/components/Header.css');
      repo.git('-c', 'user.name=Dev', '-c', 'user.email=dev@example.invalid', 'commit', '-q', '-m', 'Header.css is executable (a deploy tool wants it so)');
      const outcome = await repo.propose(CHANGE);
      expect(outcome.kind).toBe('proposal');
      const branch = await repo.confirm(outcome);
      expect(repo.git('show', `${branch}:src/components/Header.css`)).toContain('#112233');
      expect(repo.git('ls-tree', branch, '--', 'src/components/Header.css').split(/\s/)[0]).toBe('100755');
      expect(repo.git('ls-tree', branch, '--', 'src/components/Header.tsx').split(/\s/)[0]).toBe('100644');
    } finally {
      repo.remove();
    }
  });

  it('through the GitHub App: the tree written for the commit keeps 100755', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
    const read = (path: string) => readFileSync(join(SITE, path), 'utf8');
    const github = await startLoopbackGitHub({
      appId: 4242,
      publicKeyPem: keys.publicKey,
      installationId: 777,
      owner: 'acme',
      repo: 'site',
      files: {
        '.valine/ux-map.json': read('.valine/ux-map.json'),
        'src/components/Header.tsx': read('src/components/Header.tsx'),
        'src/components/Header.css': { content: read('src/components/Header.css'), mode: '100755' },
        'src/pages/Home.tsx': read('src/pages/Home.tsx'),
      },
    });
    try {
      const agent = createUxAgent({ repoHost: createGitHubRepoHost({ repository: 'acme/site', appId: 4242, privateKey: keys.privateKey, installationId: 777, baseUrl: github.baseUrl }) });
      const outcome = await agent.propose(uxRequest(CHANGE), uxContext);
      expect(outcome.kind).toBe('proposal');
      const done = await agent.execute(executingTaskFor(outcome, { taskId: 'tsk_ghmode' }), uxContext);
      expect(done.kind).toBe('done');
      const branch = github.pulls[0].head;
      expect(github.file(branch, 'src/components/Header.css')).toContain('#112233');
      expect(github.mode(branch, 'src/components/Header.css')).toBe('100755');
    } finally {
      await github.close();
    }
  });
});
