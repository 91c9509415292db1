import { execFileSync } from 'node:child_process';
import { commitMessage, GITHUB_BODY_LIMIT, githubInert, pullRequestBody, pullRequestTitle, type PullRequestText } from '../../../../lambda/core/agents/ux/pull-request';
import type { ChangeLine } from '../../../../lambda/core/agents/ux/plan';

const HOSTILE = 'Fixes #1, closes acme/site#2 @octocat';

// What GitHub turns into a mention, an issue reference or a closing keyword's target in plain text.
const MENTION = /(?<![A-Za-z0-9_])@[A-Za-z0-9]/;
const REFERENCE = /#[0-9]+(?![A-Za-z0-9_])|\bGH-[0-9]|https?:\/\/(www\.)?github\.com\/[^\s/]+\/[^\s/]+\/(issues|pull)\/[0-9]/i;
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff]/;

const text = (changes: ChangeLine[], fields: Partial<PullRequestText> = {}): PullRequestText => ({
  section: 'header',
  changes,
  requesterName: 'Alice',
  requesterId: '100000000000000001',
  taskId: 'tsk_01HX9ABCDEF',
  commandLine: '/ux-update command:section:header text:"x"',
  diff: '--- a/src/Header.tsx\n+++ b/src/Header.tsx\n-a\n+b',
  parserLine: 'Read as a structured command.',
  ...fields,
});

describe('commit messages and pull-request titles make user text inert', () => {
  it('neutralises references, closing keywords\' targets and mentions visibly', () => {
    expect(githubInert(HOSTILE)).toBe('Fixes # 1, closes acme/site# 2 @ octocat');
    expect(githubInert('fixes GH-7 and https://github.com/acme/site/issues/3, see www.github.com/acme/site/pull/4')).toBe(
      'fixes GH- 7 and github.com/acme/site/issues/3, see github.com/acme/site/pull/4',
    );
    expect(githubInert('@acme/site-team')).toBe('@ acme/site-team');
  });

  it('leaves what GitHub does not link alone: e-mail addresses, hex colours, "#1f2937", words with #', () => {
    expect(githubInert('hello@acme.example #1f2937 #ff0000 C# #hashtag')).toBe('hello@acme.example #1f2937 #ff0000 C# #hashtag');
  });

  it('the title of a text change carries no reference or mention, and is still at most 72 characters', () => {
    const title = pullRequestTitle('header', [{ property: 'text', kind: 'text', from: 'Welcome', to: HOSTILE }]);
    expect(title).toBe('UX: set header text to "Fixes # 1, closes acme/site# 2 @ octocat"');
    expect(title).not.toMatch(MENTION);
    expect(title).not.toMatch(REFERENCE);
    expect(title).not.toMatch(INVISIBLE);
    // 67 characters as typed, 81 once inert: measured afterwards, so the generic title is used.
    const long = pullRequestTitle('header', [{ property: 'text', kind: 'text', from: 'a', to: '#1 '.repeat(14) }]);
    expect(long).toBe('UX: update header text');
  });

  it('the commit message carries no reference or mention from the text, the old text or the requester\'s name', () => {
    const message = commitMessage(pullRequestTitle('header', [{ property: 'text', kind: 'text', from: 'Old', to: HOSTILE }]), text(
      [
        { property: 'text', kind: 'text', from: 'resolves #9 @hubot', to: HOSTILE },
        { property: 'links', kind: 'links', from: '', to: 'Bug:https://github.com/acme/site/issues/5' },
        { property: 'color', kind: 'color', from: '#1f2937', to: '#ff0000', named: 'red' },
      ],
      { requesterName: 'Mallory @admins closes #4' },
    ));
    expect(message).not.toMatch(MENTION);
    expect(message).not.toMatch(REFERENCE);
    expect(message).not.toMatch(INVISIBLE);
    expect(message).toContain('Requested by Mallory @ admins closes # 4 (Discord user 100000000000000001) through Valine task tsk_01HX9ABCDEF.');
    expect(message).toContain('- text: "resolves # 9 @ hubot" -> "Fixes # 1, closes acme/site# 2 @ octocat"');
    expect(message).toContain('- links: add Bug:github.com/acme/site/issues/5');
    expect(message).toContain('- color: "#1f2937" -> "#ff0000" (red)');
  });
});

describe('requester and approver', () => {
  it('the commit message and the body name both, inert: no mention, reference or formatting from either name', () => {
    const named = text([{ property: 'text', kind: 'text', from: 'Old', to: 'New' }], { approver: { id: '200000000000000002', name: 'Eve @admins fixes #3' } });
    const message = commitMessage('UX: set header text to "New"', named);
    expect(message).toContain('Requested by Alice (Discord user 100000000000000001) and approved by Eve @ admins fixes # 3 (Discord user 200000000000000002) through Valine task tsk_01HX9ABCDEF.');
    expect(message).not.toMatch(MENTION);
    expect(message).not.toMatch(REFERENCE);
    const body = pullRequestBody(named);
    expect(body).toContain('and approved by **Eve @\u200badmins fixes \\#3** (Discord user `200000000000000002`)');
  });
});

describe('names and values stay on their line in the commit message', () => {
  it('a display name or link with line breaks adds no trailer (Co-authored-by, Signed-off-by) that git would read', () => {
    const named = text([{ property: 'links', kind: 'links', from: '', to: 'Sale:/sale\n\nSigned-off-by: Mallory <mallory@evil.example>' }], {
      requesterName: 'Alice\n\nCo-authored-by: Mallory <mallory@evil.example>',
      approver: { id: '200000000000000002', name: 'Bob\r\nCo-authored-by: Eve <eve@evil.example>' },
    });
    const message = commitMessage('UX: update header links', named);
    // git itself finds no trailer in it.
    expect(execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' })).toBe('');
    expect(message).toContain('Requested by Alice Co-authored-by: Mallory <mallory@evil.example> (Discord user 100000000000000001) and approved by Bob Co-authored-by: Eve <eve@evil.example> (Discord user 200000000000000002)');
    expect(message).toContain('- links: add Sale:/sale Signed-off-by: Mallory <mallory@evil.example>');
    expect(pullRequestBody(named)).toContain('Requested by **Alice Co\\-authored\\-by: Mallory \\<mallory@\u200bevil\\.example\\>**');
  });
});

describe('the pull-request body stays within GitHub\'s 65,536 characters', () => {
  const bigOld = 'x'.repeat(200_000);
  const bigDiff = `--- a/src/Header.tsx\n+++ b/src/Header.tsx\n${Array.from({ length: 5_000 }, (_, i) => `-old line ${i} ${'y'.repeat(40)}`).join('\n')}\n+new`;

  it('when an edited element\'s old text is large (the old text is shortened, the diff cut at a line)', () => {
    const body = pullRequestBody(text([{ property: 'text', kind: 'text', from: bigOld, to: 'Hi' }], { diff: `-${bigOld}\n+Hi` }));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('… (200,000 characters in all)');
    expect(body).toContain('(diff truncated; see the Files changed tab)');
    expect(body).toContain('### Review checklist');
  });

  it('when the diff is long, exactly at the limit or under it', () => {
    const body = pullRequestBody(text([{ property: 'text', kind: 'text', from: 'a', to: 'b' }], { diff: bigDiff }));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toMatch(/-old line \d+ y+\n… \(diff truncated; see the Files changed tab\)\n```\n/);

    const short = pullRequestBody(text([{ property: 'text', kind: 'text', from: 'a', to: 'b' }], { diff: '' }));
    const fitting = `-${'z'.repeat(GITHUB_BODY_LIMIT - short.length - 1)}`;
    const exact = pullRequestBody(text([{ property: 'text', kind: 'text', from: 'a', to: 'b' }], { diff: fitting }));
    expect(exact).toHaveLength(GITHUB_BODY_LIMIT);
    expect(exact).toContain(fitting);
    const over = pullRequestBody(text([{ property: 'text', kind: 'text', from: 'a', to: 'b' }], { diff: `${fitting}z` }));
    expect(over.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(over).toContain('(diff truncated');
  });

  it('when a diff is made of backticks (its fence grows with it)', () => {
    const body = pullRequestBody(text([{ property: 'text', kind: 'text', from: '`'.repeat(70_000), to: 'b' }], { diff: `-${'`'.repeat(70_000)}\n+b` }));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  it('when there are very many changes', () => {
    const changes = Array.from({ length: 400 }, (_, i): ChangeLine => ({ property: `p${i}`, kind: 'text', from: 'o'.repeat(5_000), to: 'n'.repeat(5_000) }));
    const body = pullRequestBody(text(changes, { diff: bigDiff }));
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  it('never ends a shortened value on half of a surrogate pair', () => {
    const body = pullRequestBody(text([{ property: 'text', kind: 'text', from: '😀'.repeat(3_000), to: 'b' }]));
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
