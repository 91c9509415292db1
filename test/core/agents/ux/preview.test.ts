import { DISCORD_LIMITS } from '../../../../lambda/core/domain/discord-message';
import { fitDiff, shortenMiddle } from '../../../../lambda/core/domain/diff';
import { inlineCode } from '../../../../lambda/core/domain/discord-text';
import { linkHosts, previewMessage } from '../../../../lambda/core/agents/ux/preview';
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
    const hidden = all.length - lines.length;
    expect(description).toContain(`… ${hidden} more lines of the diff not shown; left out: \`src/big.tsx\` ${hidden} changed lines (the pull request has the full diff).`);
    expect(message.embeds?.[0].color).toBe(0x5865f2);
  });

  it('never cuts a line, even one longer than the room left', () => {
    expect(fitDiff('short\n' + 'x'.repeat(50) + '\nend', 20)).toEqual({ text: 'short', shownLines: 1, hiddenLines: 2, omitted: [] });
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

describe('a preview never hides what will be committed (issue 10, item 1)', () => {
  const hostile = `https://docs.acme.example&${'a'.repeat(4000)}@evil.example/login`;
  const base = { section: 'navbar', repository, baseCommit: 'abcdef0123456789', requesterName: 'Alice', parser: 'openai' as const };

  it('shows the real host of every link, read as a browser reads it', () => {
    expect(linkHosts(`add Docs:${hostile}`)).toEqual(['evil.example']);
    expect(linkHosts('add A://evil.example/x, add B:/\\evil.example/y, add C:/pricing')).toEqual(['evil.example']);
    expect(linkHosts('add Pricing:/pricing, remove Blog')).toEqual([]);
    const message = previewMessage({ ...base, changes: [{ property: 'links', kind: 'links', from: '', to: `add Docs:${hostile}` }], diff: '' });
    const description = message.embeds?.[0].description ?? '';
    expect(description).toMatch(/• \*\*links\*\*: `add Docs:https:\/\/doc …\[\d+ characters not shown\]… a@evil\.example\/login` → host \*\*evil\.example\*\*/);
    const mapLinks = previewMessage({ ...base, changes: [{ property: 'links', kind: 'links', from: '', to: `Docs:${hostile}` }], diff: '' });
    expect(mapLinks.embeds?.[0].description).toContain('→ host **evil.example**');
  });

  it('shortens an over-long diff line in the middle, keeping where it points, instead of dropping it', () => {
    const line = `+  <a href="${hostile}">Docs</a>`;
    const diff = ['--- a/src/Nav.jsx', '+++ b/src/Nav.jsx', '@@ -1,1 +1,2 @@', ' <nav>', line].join('\n');
    const fitted = fitDiff(diff, 3000);
    expect(fitted.hiddenLines).toBe(0);
    const shown = fitted.text.split('\n').at(-1) ?? '';
    expect(shown).toBe(shortenMiddle(line));
    expect(shown.length).toBeLessThanOrEqual(300);
    expect(shown).toMatch(/^\+  <a href="https:\/\/docs\.acme\.example&a+ …\[\d+ characters not shown\]… a+@evil\.example\/login">Docs<\/a>$/);
    const message = previewMessage({ ...base, changes: [{ property: 'links', kind: 'links', from: '', to: `add Docs:${hostile}` }], diff });
    expect(message.embeds?.[0].description).toContain('@evil.example/login">Docs</a>');
  });

  it('says per file how many changed lines a diff too long to show leaves out', () => {
    const file = (path: string, changed: number) => [`--- a/${path}`, `+++ b/${path}`, `@@ -1,${changed} +1,${changed} @@`, ...Array.from({ length: changed }, (_, i) => `-  old line ${i} of ${path} with some code on it;`)];
    const diff = [...file('src/small.tsx', 3), ...file('src/big.tsx', 300), ...file('src/other.css', 7)].join('\n');
    const fitted = fitDiff(diff, 2000);
    const shownChanges = fitted.text.split('\n').filter((l) => l.startsWith('-  old line') && l.includes('big')).length;
    expect(fitted.omitted).toEqual([
      { path: 'src/big.tsx', changedLines: 300 - shownChanges },
      { path: 'src/other.css', changedLines: 7 },
    ]);
    const message = previewMessage({ ...base, changes: [{ property: 'text', kind: 'text', from: 'a', to: 'b' }], diff });
    const description = message.embeds?.[0].description ?? '';
    expect(description.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(description).toMatch(/more lines of the diff not shown; left out: `src\/big\.tsx` \d+ changed lines, `src\/other\.css` 7 changed lines \(the pull request has the full diff\)\.$/);
  });
});
