import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultFlagValues } from '../../lambda/core/contract/flags';
import { agentsReply } from '../../lambda/core/discord/commands/agents';
import { choiceMessage, proposalMessage } from '../../lambda/core/tasks/messages';
import { discordPayloadProblems, discordRequestProblems, takeViolationReport, type RequestToCheck } from './discord-payloads';
import { startLoopbackDiscord } from './loopback-discord';
import { seedFixtureRepo, uxContext, uxRequest } from './ux-fixture-repo';

const ok = { content: 'Hello', allowed_mentions: { parse: [] } };
const problemsOf = (payload: unknown) => discordPayloadProblems('message-create', payload);
const TASK = { taskId: 'abc123def456', confirmBy: '2026-03-01T11:20:00.000Z' };

describe("the validator of outgoing Discord payloads (Discord's documented limits)", () => {
  it('accepts what the bot sends: a preview with Confirm / Cancel, a question with its menu, an interaction response', () => {
    expect(problemsOf(ok)).toEqual([]);
    expect(discordPayloadProblems('message-edit', proposalMessage(TASK, { content: 'Preview', embeds: [{ title: 'Header', description: 'diff' }] }))).toEqual([]);
    expect(discordPayloadProblems('message-edit', choiceMessage(TASK, { content: 'Which one?' }, [{ label: 'The header', description: 'index.html:3' }, { label: 'The footer' }]))).toEqual([]);
    expect(discordPayloadProblems('interaction-response', { type: 4, data: { content: 'Only you', flags: 64, allowed_mentions: { parse: [] } } })).toEqual([]);
    expect(discordPayloadProblems('interaction-response', { type: 5 })).toEqual([]);
    expect(discordPayloadProblems('interaction-response', { type: 1 })).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['content over 2000', { content: 'x'.repeat(2001) }, /^content: Too big/],
    ['an empty new message', { allowed_mentions: { parse: [] } }, /has content, embeds, components or files/],
    ['an embed title over 256', { embeds: [{ title: 't'.repeat(257) }] }, /^embeds\.0\.title/],
    ['an embed description over 4096', { embeds: [{ description: 'd'.repeat(4097) }] }, /^embeds\.0\.description/],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, /^embeds\.0\.fields/],
    ['a field name over 256', { embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v' }] }] }, /^embeds\.0\.fields\.0\.name/],
    ['a field value over 1024', { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, /^embeds\.0\.fields\.0\.value/],
    ['an empty field value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }, /^embeds\.0\.fields\.0\.value/],
    ['a footer over 2048', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, /^embeds\.0\.footer\.text/],
    ['an author name over 256', { embeds: [{ author: { name: 'a'.repeat(257) } }] }, /^embeds\.0\.author\.name/],
    ['6001 characters over the embeds', { embeds: [{ description: 'd'.repeat(4096) }, { description: 'd'.repeat(1905) }] }, /^embeds: the embeds hold 6001 characters/],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, /^embeds: Too big/],
    ['an embed url over 2048', { embeds: [{ url: `https://x.example/${'a'.repeat(2040)}` }] }, /^embeds\.0\.url/],
    ['an embed url over 2048 once percent-encoded', { embeds: [{ url: `https://x.example/${'監'.repeat(300)}` }] }, /^embeds\.0\.url: at most 2048 characters once percent-encoded/],
    ['a url that is not http(s)', { embeds: [{ url: 'javascript:alert(1)' }] }, /^embeds\.0\.url: an http\(s\)/],
    ['6 action rows', { components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [{ type: 2, style: 2, label: 'b', custom_id: `b${i}` }] })) }, /^components: Too big/],
    ['6 buttons in a row', { components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 2, label: 'b', custom_id: `b${i}` })) }] }, /^components\.0\.components: a row holds 1 to 5 buttons or one select menu/],
    ['a custom_id over 100', { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'b', custom_id: 'c'.repeat(101) }] }] }, /components\.0\.components/],
    ['a button label over 80', { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'l'.repeat(81), custom_id: 'c' }] }] }, /components\.0\.components/],
    ['a link button with a custom_id', { components: [{ type: 1, components: [{ type: 2, style: 5, label: 'PR', url: 'https://x.example', custom_id: 'c' }] }] }, /components\.0\.components/],
    ['the same custom_id twice', { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a', custom_id: 'c' }, { type: 2, style: 2, label: 'b', custom_id: 'c' }] }] }, /custom_id values are unique/],
    ['26 select options', { components: [{ type: 1, components: [{ type: 3, custom_id: 's', options: Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: String(i) })) }] }] }, /components\.0\.components/],
    ['a select label over 100', { components: [{ type: 1, components: [{ type: 3, custom_id: 's', options: [{ label: 'l'.repeat(101), value: '0' }] }] }] }, /components\.0\.components/],
    ['a placeholder over 150', { components: [{ type: 1, components: [{ type: 3, custom_id: 's', placeholder: 'p'.repeat(151), options: [{ label: 'l', value: '0' }] }] }] }, /components\.0\.components/],
    ['a select label showing \\ud83c', { components: [{ type: 1, components: [{ type: 3, custom_id: 's', options: [{ label: '"Spring \\ud83c" in index.html:3', value: '0' }] }] }] }, /components\.0\.components/],
    ['a lone surrogate', { content: `Party ${'🎉'.slice(0, 1)}` }, /^content: a lone surrogate/],
    ['an attachment id as a number', { content: 'x', attachments: [{ id: 0, filename: 'a.png' }] }, /^attachments\.0\.id/],
    ['mentions parsed and listed at once', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, /mutually exclusive/],
    ['a flag that cannot be sent', { content: 'x', flags: 2 }, /^flags: only SUPPRESS_EMBEDS, EPHEMERAL and SUPPRESS_NOTIFICATIONS/],
    ['a misspelt key', { content: 'x', allowedMentions: { parse: [] } }, /Unrecognized key/],
  ])('refuses %s', (_what, payload, problem) => {
    expect(problemsOf(payload)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  it("takes a nonce only where Discord does: a bot's channel message (at most 25 characters, enforce_nonce with it), never a webhook's or an edit", () => {
    const noticeNonce = { content: 'Merged', allowed_mentions: { parse: [] }, nonce: 'o69a2ugTQqtiRF_yxx78wWEzr', enforce_nonce: true };
    expect(discordPayloadProblems('channel-message-create', noticeNonce)).toEqual([]);
    expect(discordPayloadProblems('channel-message-create', { ...noticeNonce, nonce: 'n'.repeat(26) })).toEqual([expect.stringMatching(/^nonce: /)]);
    expect(discordPayloadProblems('channel-message-create', { content: 'Merged', enforce_nonce: true })).toEqual(['enforce_nonce: enforce_nonce is sent with a nonce']);
    expect(discordPayloadProblems('channel-message-create', { nonce: 'abc', enforce_nonce: true })).toEqual([expect.stringMatching(/has content, embeds, components or files/)]);
    expect(discordPayloadProblems('message-create', noticeNonce)).toEqual([expect.stringMatching(/Unrecognized keys: "nonce", "enforce_nonce"/)]);
    expect(discordPayloadProblems('message-edit', noticeNonce)).toEqual([expect.stringMatching(/Unrecognized keys: "nonce", "enforce_nonce"/)]);
    const post = (path: string): RequestToCheck => ({ method: 'POST', path, headers: { 'user-agent': 'DiscordBot (https://projectvaline.com, 0.1.0)', ...(path.startsWith('/channels') ? { authorization: 'Bot token' } : {}) }, body: noticeNonce, files: [] });
    expect(discordRequestProblems(post('/channels/300000000000000001/messages'))).toEqual([]);
    expect(discordRequestProblems(post('/webhooks/1/tok'))).toEqual([expect.stringMatching(/Unrecognized keys: "nonce", "enforce_nonce"/)]);
  });

  it('checks slash-command registrations: names, descriptions, required options first', () => {
    const command = (options: unknown[]) => [{ name: 'ux-update', description: 'Ask the UX Agent', options }];
    expect(discordPayloadProblems('application-commands', command([{ type: 3, name: 'command', description: 'What to change', required: true, max_length: 500 }]))).toEqual([]);
    expect(discordPayloadProblems('application-commands', [{ name: 'UX Update', description: 'x' }])).toEqual([expect.stringMatching(/^0\.name: 1 to 32 lower-case/)]);
    expect(discordPayloadProblems('application-commands', command([{ type: 3, name: 'a', description: 'a' }, { type: 3, name: 'b', description: 'b', required: true }]))).toEqual([
      expect.stringMatching(/required options come before optional ones/),
    ]);
  });

  it('checks each request: a known route, "DiscordBot (<url>, <version>)", the bot token only where it belongs, every file named by an attachment', () => {
    const request = (overrides: Partial<RequestToCheck>): RequestToCheck => ({
      method: 'POST',
      path: '/channels/300000000000000001/messages',
      headers: { 'user-agent': 'DiscordBot (https://projectvaline.com, 0.1.0)', authorization: 'Bot token' },
      body: { content: 'x', attachments: [{ id: '0', filename: 'a.png' }] },
      files: [{ field: 'files[0]', name: 'a.png' }],
      ...overrides,
    });
    expect(discordRequestProblems(request({}))).toEqual([]);
    expect(discordRequestProblems(request({ headers: { 'user-agent': 'DiscordBot (valine-orchestrator, 0.1)', authorization: 'Bot token' } }))).toEqual([
      'User-Agent "DiscordBot (valine-orchestrator, 0.1)" is not "DiscordBot (<url>, <version>)"',
    ]);
    expect(discordRequestProblems(request({ path: '/webhooks/1/tok/messages/@original', method: 'PATCH' }))).toEqual([expect.stringMatching(/sent an Authorization header/)]);
    expect(discordRequestProblems(request({ files: [{ field: 'files[1]', name: 'a.png' }] }))).toEqual(['files[1] (part 0) has no attachments entry with id "1"']);
    expect(discordRequestProblems(request({ method: 'DELETE' }))).toEqual([expect.stringMatching(/^DELETE \/channels\/.* is not a route the validator knows/)]);
  });

  it('the loopback Discord refuses a bad payload as Discord does (400, code 50035) and keeps it for the test to fail', async () => {
    const discord = await startLoopbackDiscord();
    try {
      const response = await fetch(`${discord.baseUrl}/channels/300000000000000001/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'DiscordBot (https://projectvaline.com, 0.1.0)', authorization: 'Bot token' },
        body: JSON.stringify({ embeds: [{ title: 't'.repeat(300) }] }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    } finally {
      await discord.close();
    }
    // Taken here, so this test's own afterEach (test/support/discord-payload-check.ts) has nothing left to report.
    expect(takeViolationReport()).toMatch(/^Discord would refuse 1 payload the bot sent .*\n- POST \/channels\/300000000000000001\/messages\n {2}embeds\.0\.title: Too big/s);
  });

  it('fails the test that sent the bad payload, with the problems and the payload (a jest run of a fixture test)', async () => {
    const fixture = join(__dirname, '../fixtures/discord-payloads/sends-a-long-title.fixture.ts');
    const run = await promisify(execFile)(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--testMatch', '**/*.fixture.ts', '--runTestsByPath', fixture], { cwd: join(__dirname, '../..') }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
    );
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/✕ posts an alarm with a title Discord refuses/);
    expect(run.output).toMatch(/Discord would refuse 1 payload the bot sent/);
    expect(run.output).toMatch(/embeds\.0\.title: Too big: expected string to have <=256 characters/);
  });
});

describe('payloads the spec check found (issue 18)', () => {
  it("/agents bounds an agent's field name at 256 when its pause flag sits in a long path, and says where in the value", () => {
    const longPath = `/home/dana/${'projects/'.repeat(30)}valine/.valine/flags.json`;
    const agent = { id: 'ux', name: 'UX Agent', description: 'Edits the website.', commands: ['ux-update'], pausedBy: 'disable-ux-updates', roles: { request: ['contributor'], confirm: ['admin'] } } as const;
    const flags = { ...defaultFlagValues('dev'), 'disable-ux-updates': true };
    const response = agentsReply([agent], { id: '1', name: 'dana', roles: [] }, flags, (flag) => `"${flag}" in ${longPath}`);
    expect(discordPayloadProblems('interaction-response', response)).toEqual([]);
    const field = (response as { data: { embeds: Array<{ fields: Array<{ name: string; value: string }> }> } }).data.embeds[0]!.fields[0]!;
    expect(field.name).toBe('UX Agent — paused');
    expect(field.value.split('\n')[0]).toBe(`Paused: "disable-ux-updates" in ${longPath} is true.`);
  });

  it('a select label is cut between graphemes: never half an emoji or a flag', () => {
    const label = `${'a'.repeat(97)}🇫🇷 and more`;
    // Two candidates: a menu (one alone is a button).
    const message = choiceMessage(TASK, { content: 'Which one?' }, [{ label, description: `${'b'.repeat(98)}🎉🎉` }, { label: 'Other' }]);
    expect(discordPayloadProblems('message-edit', message)).toEqual([]);
    const option = (message.components?.[0]?.components[0] as { options: Array<{ label: string; description: string }> }).options[0]!;
    expect(option.label).toBe(`${'a'.repeat(97)}…`);
    expect(option.description).toBe(`${'b'.repeat(98)}…`);
  });

  it('a question with one answer is a button whose label is cut between graphemes to Discord\'s 80', () => {
    const label = `Yes, the ${'a'.repeat(70)}🇫🇷 and more`;
    const message = choiceMessage(TASK, { content: 'Did you mean…?' }, [{ label }]);
    expect(discordPayloadProblems('message-edit', message)).toEqual([]);
    const [yes, cancel] = message.components?.[0]?.components ?? [];
    expect(yes).toMatchObject({ type: 2, label: `Yes, the ${'a'.repeat(70)}…` });
    expect(cancel).toMatchObject({ type: 2, label: 'Cancel' });
  });

  // Reported to the lead: lambda/core/agents/ux/plan.ts (lines 250, 476, 477, 482, 509) cuts a text with .slice() and
  // then JSON.stringify()s it, so a cut inside an emoji shows as the text \ud83c. Expected to fail until plan.ts is fixed.
  it("the UX Agent's question labels never show a JSON-escaped surrogate (plan.ts: cut with .slice, then JSON.stringify)", async () => {
    const site = mkdtempSync(join(tmpdir(), 'valine-emoji-site-'));
    const text = 'Our spring offers for every bakery, clinic and sh🎉 all season long';
    const page = readFileSync(join(__dirname, '../../examples/sites/plain-html/index.html'), 'utf8')
      .replace('Websites that bring customers through the door', text)
      .replace('A look that fits your shop, not a template.', text);
    writeFileSync(join(site, 'index.html'), page);
    const repo = await seedFixtureRepo(site);
    try {
      const outcome = await repo.agent.propose(uxRequest({ description: `change "${text}" to "Summer sale"` }), uxContext);
      expect(outcome.kind).toBe('choice');
      if (outcome.kind !== 'choice') return;
      expect(discordPayloadProblems('message-edit', choiceMessage(TASK, outcome.question, outcome.candidates))).toEqual([]);
    } finally {
      repo.remove();
      rmSync(site, { recursive: true, force: true });
    }
  });
});
