import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedFlagReader } from '../../../lambda/core/adapters/cached-flags';
import { DynamoDbLlmBudget } from '../../../lambda/core/adapters/dynamodb-llm-budget';
import { EnvSecretReader } from '../../../lambda/core/adapters/env-secrets';
import { createFlagSelectedRepoHost } from '../../../lambda/core/adapters/repo-host-factory';
import { hireStaff, loadAgentCode } from '../../../lambda/core/agents/hire';
import type { Agent } from '../../../lambda/core/domain/agent';
import type { Task } from '../../../lambda/core/domain/task';
import { mergeCommands, PLATFORM_COMMANDS } from '../../../lambda/core/discord/commands';
import type { AgentProfile } from '../../../lambda/core/agents/registry';
import { AGENT_PROFILES, STAFF } from '../../../lambda/core/agents/staff';
import type { AgentPlatform } from '../../../lambda/core/agents/staff-member';
import { booleanFlag } from '../../../lambda/core/contract/flag-schemas';
import { defaultFlagStrings, FLAG_DEFINITIONS, mergeFlagDefinitions, parseFlag, PLATFORM_FLAGS } from '../../../lambda/core/contract/flags';
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

/** The platform as the worker gives it on AWS: no local repository, so site-repository must name one. */
const awsPlatform = (): AgentPlatform => {
  const flags = new CachedFlagReader('dev', async () => defaultFlagStrings('dev'), recordingLogger());
  const secrets = new EnvSecretReader({});
  return {
    stage: 'dev',
    flags,
    secrets,
    logger: recordingLogger(),
    llmBudget: new DynamoDbLlmBudget(db.client, db.tables.ledger),
    repoHost: createFlagSelectedRepoHost({ flags, secrets, local: { missing: 'an operator must set /valine/dev/flags/site-repository to the GitHub repository as owner/name' } }),
    env: {},
  };
};

const profileOf = (a: AgentProfile) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  commands: [...a.commands],
  pausedBy: a.pausedBy,
  roles: { request: [...a.roles.request], confirm: [...a.roles.confirm] },
});

describe('the staff', () => {
  it('hires exactly the agents the interactions function lists for /agents', () => {
    expect(hireStaff(awsPlatform()).map(profileOf)).toEqual(AGENT_PROFILES.map(profileOf));
  });

  it('finds each agent\'s code in the folder named by its id (agents/<id>/factory.ts), the one place the worker loads it from', async () => {
    for (const profile of STAFF) expect(typeof (await loadAgentCode(profile.id)).createAgent).toBe('function');
    await expect(loadAgentCode('nobody')).rejects.toThrow();
  });

  it('on AWS, tells the user which flag to set while site-repository is "local"', async () => {
    const platform = awsPlatform();
    const [ux] = hireStaff(platform);
    const outcome = await ux?.propose(
      { command: 'ux-update', options: { command: 'section:header text:"Hi"' }, requester: { id: '1', name: 'A', roles: [] }, commandLine: '/ux-update' },
      { flags: await platform.flags.all(), now: () => new Date() },
    );
    expect(outcome?.kind).toBe('rejected');
    expect(JSON.stringify(outcome)).toContain('/valine/dev/flags/site-repository to the GitHub repository as owner/name');
  });
});

describe('a hired agent', () => {
  const stub = (refinable: boolean): Agent => ({
    id: 'ux',
    name: 'UX Agent',
    description: 'stub',
    commands: ['ux-update'],
    roles: { request: ['contributor'], confirm: ['admin'] },
    propose: async () => ({ kind: 'answer', message: { content: 'proposed' } }),
    execute: async () => ({ kind: 'failed', message: { content: 'no' }, error: 'no' }),
    outline: () => ({ pages: ['/'], sections: ['header'] }),
    ...(refinable ? { refine: async (_task, text) => ({ kind: 'answer', message: { content: `refined: ${text}` } }) } : {}),
  });
  const task = { taskId: 't1' } as Task;
  const context = { flags: defaultFlagStrings('dev') as never, now: () => new Date() };

  it('passes a refinement to the agent\'s own refine, and tells an agent without one apart', async () => {
    const [refinable] = hireStaff(awsPlatform(), [STAFF[0]!], async () => ({ createAgent: () => stub(true) }));
    await expect(refinable?.refine?.(task, 'darker', { id: '1', name: 'A', roles: [] }, context)).resolves.toEqual({ kind: 'answer', message: { content: 'refined: darker' } });
    const [plain] = hireStaff(awsPlatform(), [STAFF[0]!], async () => ({ createAgent: () => stub(false) }));
    const refused = await plain?.refine?.(task, 'darker', { id: '1', name: 'A', roles: [] }, context);
    expect(refused?.kind).toBe('rejected');
    expect(JSON.stringify(refused)).toContain('cannot refine its previews');
    // Its code loaded, the agent is known not to refine: its previews get no Refine button.
    expect(plain?.refine).toBeUndefined();
    expect(refinable?.refine).toBeDefined();
  });

  it('gives its outline of the site once its code has been loaded, and none before', async () => {
    const [agent] = hireStaff(awsPlatform(), [STAFF[0]!], async () => ({ createAgent: () => stub(true) }));
    expect(agent?.outline?.()).toBeUndefined();
    await agent?.propose({ command: 'ux-update', options: {}, requester: { id: '1', name: 'A', roles: [] }, commandLine: '/ux-update' }, context);
    expect(agent?.outline?.()).toEqual({ pages: ['/'], sections: ['header'] });
  });
});

describe('the flag registry', () => {
  it('holds the platform flags and every agent\'s own flags, each pause flag a boolean of its agent', () => {
    for (const profile of STAFF) {
      for (const name of Object.keys(profile.flags)) expect(FLAG_DEFINITIONS).toHaveProperty([name]);
      if (profile.pausedBy) {
        expect(Object.keys(profile.flags)).toContain(profile.pausedBy);
        expect(parseFlag(profile.pausedBy as keyof typeof FLAG_DEFINITIONS, 'true')).toEqual({ ok: true, value: true });
      }
    }
    expect(Object.keys(FLAG_DEFINITIONS)).toEqual(expect.arrayContaining([...Object.keys(PLATFORM_FLAGS), 'disable-ux-updates']));
    expect(PLATFORM_FLAGS).not.toHaveProperty(['disable-ux-updates']);
  });

  const triageFlags = { 'disable-triage': { schema: booleanFlag, description: 'Pause /triage.', defaults: { dev: 'false', prod: 'false' } } } as const;
  const triage = { id: 'triage', name: 'Triage agent', description: 'Sorts new issues.', commands: ['triage'], slashCommands: [{ name: 'triage', description: 'Sort new issues.', options: [], audience: 'agent' }], flags: triageFlags, pausedBy: 'disable-triage', roles: { request: ['admin'], confirm: ['admin'] } } as const;

  it('takes a new agent\'s flags from its own profile', () => {
    expect(Object.keys(mergeFlagDefinitions(PLATFORM_FLAGS, [...STAFF, triage]))).toEqual(expect.arrayContaining(['disable-ux-updates', 'disable-revert', 'disable-triage', 'site-repository']));
  });

  it("takes a new agent's slash command from its own profile, and refuses a name already taken", () => {
    const commands = mergeCommands(PLATFORM_COMMANDS, [...STAFF, triage]);
    expect(Object.keys(commands)).toEqual(['agents', 'ux-update', 'ux-map', 'revert', 'triage', 'status', 'debug-last']);
    const clash = { ...triage, id: 'again', slashCommands: [{ ...triage.slashCommands[0], name: 'status' }] };
    expect(() => mergeCommands(PLATFORM_COMMANDS, [...STAFF, clash])).toThrow('The command /status of agent "again" is already defined by the platform; give it another name.');
  });

  it('defines, in each profile, exactly the commands the agent answers', () => {
    for (const profile of STAFF) expect(profile.slashCommands.map((c) => c.name)).toEqual([...profile.commands]);
  });

  it('refuses an agent flag that another agent or the platform already declares, with a sentence', () => {
    const clash = { ...triage, id: 'other', flags: { 'site-repository': triageFlags['disable-triage'] }, pausedBy: 'site-repository' };
    expect(() => mergeFlagDefinitions(PLATFORM_FLAGS, [...STAFF, clash])).toThrow('The flag "site-repository" of agent "other" is already declared by the platform; give it another name.');
    expect(() => mergeFlagDefinitions(PLATFORM_FLAGS, [...STAFF, { ...triage, id: 'again', flags: { 'disable-revert': triageFlags['disable-triage'] } }])).toThrow('The flag "disable-revert" of agent "again" is already declared by agent "revert"; give it another name.');
  });
});
