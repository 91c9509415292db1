import { DISCORD_LIMITS } from '../../../../lambda/core/domain/discord-message';
import { fitDiff } from '../../../../lambda/core/agents/ux/diff';
import { inlineCode } from '../../../../lambda/core/domain/discord-text';
import { previewMessage } from '../../../../lambda/core/agents/ux/preview';
import { branchName, githubCode, pullRequestBody, pullRequestTitle } from '../../../../lambda/core/agents/ux/pull-request';

const repository = { kind: 'github' as const, name: 'acme/site', defaultBranch: 'main' };

describe('preview fitted to Discord', () => {
  const longDiff = ['--- a/src/big.tsx', '+++ b/src/big.tsx', '@@ -1,400 +1,400 @@', ...Array.from({ length: 400 }, (_, i) => `-  line number ${i} with some code on it;`)].join('\n');

  it('shows whole lines only, within the embed limit, and counts what it hides', () => {
    const message = previewMessage({
      section: 'home',
      changes: [{ property: 'description', kind: 'text', from: 'a', to: 'b' }],
      diff: longDiff,
      repository,
      baseCommit: 'abcdef0123456789',
      requesterName: 'Alice',
      parser: 'rules',
    });
    const description = message.embeds?.[0].description ?? '';
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription - 400);
    const block = /```diff\n([\s\S]*)\n```/.exec(description)?.[1] ?? '';
    const lines = block.split('\n');
    const all = longDiff.split('\n');
    expect(lines).toEqual(all.slice(0, lines.length));
    expect(description).toContain(`… ${all.length - lines.length} more lines of the diff not shown (the pull request has the full diff).`);
    expect(message.embeds?.[0].color).toBe(0x5865f2);
  });

  it('never cuts a line, even one longer than the room left', () => {
    expect(fitDiff('short\n' + 'x'.repeat(50) + '\nend', 20)).toEqual({ text: 'short', shownLines: 1, hiddenLines: 2 });
  });

  it('renders any text safely as inline code', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('`aˋb`');
    expect(inlineCode('x'.repeat(100))).toHaveLength(82);
  });
});

describe('pull request texts', () => {
  it('names the branch from the section, the creation time and the task id', () => {
    expect(branchName('header', { taskId: 'tsk_01HX9ABCDEF', createdAt: '2026-03-01T10:20:33.000Z' })).toBe('ux/header-20260301-1020-tsk01hx9abcd');
  });

  it('titles the change in a few words', () => {
    expect(pullRequestTitle('header', [{ property: 'color', kind: 'color', from: '#000000', to: '#112233' }])).toBe('UX: set header color to #112233');
    expect(pullRequestTitle('footer', [{ property: 'text', kind: 'text', from: 'a', to: '© 2026 Acme' }])).toBe('UX: set footer text to "© 2026 Acme"');
    expect(pullRequestTitle('navbar', [
      { property: 'brand', kind: 'text', from: 'a', to: 'b' },
      { property: 'links', kind: 'links', from: '', to: 'Pricing:/pricing' },
    ])).toBe('UX: update navbar brand, links');
    expect(pullRequestTitle('home', [{ property: 'description', kind: 'text', from: 'a', to: 'x'.repeat(300) }])).toBe('UX: update home description');
  });

  it('lists requester, changes, original command, diff and a review checklist, with user text inert', () => {
    const body = pullRequestBody({
      section: 'header',
      changes: [
        { property: 'text', kind: 'text', from: 'Welcome', to: '@octocat ```x```' },
        { property: 'color', kind: 'color', from: '#1f2937', to: '#ff0000', named: 'red' },
      ],
      requesterName: 'Alice @admins',
      requesterId: '111',
      taskId: 'tsk_1',
      commandLine: '/ux-update command:section:header text:"@octocat ```x```"',
      diff: '-a\n+b',
      parserLine: 'Read as a structured command.',
    });
    expect(body).toContain('Requested by **Alice @\u200badmins** (Discord user `111`) through Valine task `tsk_1`.');
    expect(body).toContain('- **text**: `Welcome` → ```` @octocat ```x``` ````');
    expect(body).toContain('- **color**: `#1f2937` → `#ff0000` (red)');
    expect(body).toContain('````text\n/ux-update command:section:header text:"@octocat ```x```"\n````');
    expect(body).toContain('### Diff\n```diff\n-a\n+b\n```');
    expect(body).toContain('- [ ] Colours keep enough contrast');
    expect(githubCode('a`b')).toBe('`` a`b ``');
  });
});
