import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EnvSecretReader } from '../../lambda/core/adapters/env-secrets';
import { COMMAND_LIST } from '../../lambda/core/discord/commands';
import { parseRegisterArgs, registerCommands } from '../../scripts/register-commands';
import { startLoopbackDiscord, type LoopbackDiscord } from '../support/loopback-discord';
import { recordingLogger } from '../support/recording-logger';

let discord: LoopbackDiscord;
beforeAll(async () => {
  discord = await startLoopbackDiscord();
});
afterAll(() => discord.close());
beforeEach(() => {
  discord.requests.length = 0;
});

const secrets = new EnvSecretReader({ DISCORD_BOT_TOKEN: 'bot-token-for-tests', DISCORD_APPLICATION_ID: '123456789012345678' });

describe('command definitions', () => {
  it('fit Discord\'s limits (names, 100-character descriptions)', () => {
    for (const command of COMMAND_LIST) {
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options) expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });
});

describe('npm run register-commands', () => {
  it('bulk-overwrites a server\'s commands with the bot token, waiting out a 429, and prints them', async () => {
    discord.script(
      { status: 429, body: { retry_after: 0.01, message: 'You are being rate limited.', global: false } },
      { status: 200, body: [{ id: '11', name: 'agents', description: 'List the agents' }, { id: '12', name: 'ux-update', description: 'Ask the UX Agent' }] },
    );
    const lines: string[] = [];
    const logger = recordingLogger();
    const sent = await registerCommands(parseRegisterArgs(['--stage', 'dev', '--guild', '987654321098765432']), {
      secrets,
      apiBase: discord.baseUrl,
      write: (l) => lines.push(l),
      logger,
    });
    expect(discord.requests).toHaveLength(2);
    // The wait is said to the operator, with what it was for.
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Discord rate limit; waiting retry_after', extra: expect.objectContaining({ purpose: 'register the slash commands' }) }));
    const request = discord.requests[1];
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe('/applications/123456789012345678/guilds/987654321098765432/commands');
    expect(request?.headers.authorization).toBe('Bot bot-token-for-tests');
    expect((request?.body as Array<{ name: string }>).map((c) => c.name)).toEqual(['agents', 'ux-update', 'ux-map', 'revert', 'status', 'debug-last']);
    expect(sent).toHaveLength(6);
    expect((request?.body as Array<{ name: string }>).find((c) => c.name === 'ux-map')).toEqual({
      name: 'ux-map',
      description: 'List what the UX Agent found on the website: sections, properties, and the file and line of each.',
      type: 1,
      options: [{ type: 3, name: 'section', description: 'Only this section, e.g. header', required: false, max_length: 40 }],
    });
    // /ux-update's section and page are suggested while typed (autocomplete), from the site the worker last discovered.
    expect((request?.body as Array<{ name: string; options: Array<{ name: string; autocomplete?: boolean }> }>).find((c) => c.name === 'ux-update')?.options.map((o) => [o.name, o.autocomplete ?? false])).toEqual([
      ['command', false],
      ['description', false],
      ['section', true],
      ['page', true],
    ]);
    expect((request?.body as Array<{ name: string; options: unknown[] }>).find((c) => c.name === 'revert')?.options).toEqual([
      { type: 3, name: 'target', description: 'Pull request (#123, 123 or its URL) or commit sha (7 to 40 hex digits)', required: true, max_length: 200 },
    ]);
    expect(lines.slice(0, 3)).toEqual([
      'Registered 2 command(s) for server 987654321098765432 of application 123456789012345678:',
      '  /agents (11) — List the agents',
      '  /ux-update (12) — Ask the UX Agent',
    ]);
  });

  it('registers global commands without /debug-last for prod unless asked', async () => {
    discord.script({ status: 200, body: [{ id: '1', name: 'agents', description: 'List' }] });
    const lines: string[] = [];
    await registerCommands(parseRegisterArgs(['--stage', 'prod']), { secrets, apiBase: discord.baseUrl, write: (l) => lines.push(l) });
    expect(discord.requests[0]?.path).toBe('/applications/123456789012345678/commands');
    expect((discord.requests[0]?.body as Array<{ name: string }>).map((c) => c.name)).toEqual(['agents', 'ux-update', 'ux-map', 'revert', 'status']);
    expect(lines).toContain('  /agents (1) — List');
    expect(lines.join('\n')).toMatch(/\/debug-last was left out/);
    expect(parseRegisterArgs(['--stage', 'prod', '--debug-cmd', 'on']).debugCommand).toBe(true);
  });

  it('prints the JSON and calls nothing on --dry-run', async () => {
    const lines: string[] = [];
    await registerCommands(parseRegisterArgs(['--stage', 'dev', '--dry-run']), { secrets: new EnvSecretReader({}), apiBase: discord.baseUrl, write: (l) => lines.push(l) });
    expect(discord.requests).toHaveLength(0);
    expect(JSON.parse(lines[1] ?? '')).toHaveLength(6);
  });

  it('says where to put a missing bot token', async () => {
    await expect(
      registerCommands(parseRegisterArgs(['--stage', 'dev']), { secrets: new EnvSecretReader({ DISCORD_APPLICATION_ID: '123456789012345678' }), apiBase: discord.baseUrl, write: () => undefined }),
    ).rejects.toThrow('The discord-bot-token is not set: export DISCORD_BOT_TOKEN, or store it with npm run put-secret -- --stage dev --name discord-bot-token (/valine/dev/secrets/discord-bot-token).');
  });

  it('says which variables to export when the stage\'s SSM secrets cannot be read', () => {
    const root = path.resolve(__dirname, '..', '..');
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/register-commands.ts', '--stage', 'dev'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: mkdtempSync(path.join(tmpdir(), 'register-home-')), AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^Could not read \/valine\/dev\/secrets\/discord-application-id from SSM \(.+\)\. Export DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID, or set AWS_PROFILE and AWS_REGION/,
    );
  });

  it('refuses a bad command line with a sentence', () => {
    expect(() => parseRegisterArgs([])).toThrow(/Missing --stage/);
    expect(() => parseRegisterArgs(['--stage', 'dev', '--debug-cmd', 'maybe'])).toThrow(/--debug-cmd takes "on" or "off"/);
  });
});
