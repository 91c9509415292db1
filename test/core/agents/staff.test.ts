import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvSecretReader } from '../../../lambda/core/adapters/env-secrets';
import { CachedFlagReader } from '../../../lambda/core/adapters/cached-flags';
import { defaultFlagStrings } from '../../../lambda/core/contract/flags';
import { AGENT_PROFILES } from '../../../lambda/core/runtime/agent-profiles';
import { buildAgents } from '../../../lambda/core/runtime/agents';
import { startDynalite, type EmbeddedDynamoDb } from '../../support/dynalite';
import { recordingLogger } from '../../support/recording-logger';

let db: EmbeddedDynamoDb;
let dir: string;
beforeAll(async () => {
  db = await startDynalite();
  dir = await mkdtemp(join(tmpdir(), 'valine-agents-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const deps = (localSite?: { directory: string; seedFrom?: string }) => ({
  stage: 'dev' as const,
  flags: new CachedFlagReader('dev', async () => defaultFlagStrings('dev'), recordingLogger()),
  secrets: new EnvSecretReader({}),
  logger: recordingLogger(),
  ledgerTable: { client: db.client, tableName: db.tables.ledger },
  localSite,
});

const profileOf = (a: { id: string; name: string; description: string; commands: readonly string[]; pausedBy?: string }) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  commands: [...a.commands],
  pausedBy: a.pausedBy,
});

describe('the agent list', () => {
  it('builds exactly the agents the interactions function lists for /agents', () => {
    expect(buildAgents(deps({ directory: join(dir, 'site') })).map(profileOf)).toEqual(AGENT_PROFILES.map(profileOf));
  });

  it('on AWS, tells the user which flag to set while site-repository is "local"', async () => {
    const [ux] = buildAgents(deps());
    const outcome = await ux?.propose(
      { command: 'ux-update', options: { command: 'section:header text:"Hi"' }, requester: { id: '1', name: 'A', roles: [] }, commandLine: '/ux-update' },
      { flags: await deps().flags.all(), now: () => new Date() },
    );
    expect(outcome?.kind).toBe('rejected');
    expect(JSON.stringify(outcome)).toContain('/valine/dev/flags/site-repository to the GitHub repository as owner/name');
  });
});
