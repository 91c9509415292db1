import { newParseProblem } from '../../bench/lib/parse-check';
import { firstSentence, judgeEdit, judgeQuestion, parseUnifiedDiff, summarize, type SiteRequest } from '../../bench/lib/real-sites-judge';

const footerRequest: SiteRequest = {
  id: 'footer',
  options: { description: 'change the footer copyright to "Acme Inc. All rights reserved."' },
  file: 'src/components/MarketingFooter\\.jsx$',
  add: ['Acme Inc. All rights reserved.'],
  drop: ['Acme Co. All rights reserved.'],
  lines: 4,
};

const footerDiff = `diff --git a/src/components/MarketingFooter.jsx b/src/components/MarketingFooter.jsx
index 1111111..2222222 100644
--- a/src/components/MarketingFooter.jsx
+++ b/src/components/MarketingFooter.jsx
@@ -20,7 +20,7 @@ const MarketingFooter = () => {
         </nav>
 
         <div className="text-center text-sm text-gray-600 md:text-right">
-          <div>&copy; {currentYear} Acme Co. All rights reserved.</div>
+          <div>&copy; {currentYear} Acme Inc. All rights reserved.</div>
           <div className="mt-1">Designed &amp; built in Lisbon.</div>
         </div>
       </div>
`;

describe('parseUnifiedDiff', () => {
  it('reads each file with its added and removed lines', () => {
    expect(parseUnifiedDiff(footerDiff)).toEqual([
      {
        path: 'src/components/MarketingFooter.jsx',
        added: ['          <div>&copy; {currentYear} Acme Inc. All rights reserved.</div>'],
        removed: ['          <div>&copy; {currentYear} Acme Co. All rights reserved.</div>'],
      },
    ]);
  });

  it('counts hunk lines, so removed lines that start with "--" and "++" stay content', () => {
    const diff = `diff --git a/styles.css b/styles.css
--- a/styles.css
+++ b/styles.css
@@ -1,3 +1,3 @@
 :root {
---footer-bg: #111827;
+++footer-bg: #1f2937;
 }
diff --git a/index.html b/index.html
--- a/index.html
+++ b/index.html
@@ -4 +4 @@
-<p>old</p>
+<p>new</p>
\\ No newline at end of file
`;
    expect(parseUnifiedDiff(diff)).toEqual([
      { path: 'styles.css', added: ['++footer-bg: #1f2937;'], removed: ['--footer-bg: #111827;'] },
      { path: 'index.html', added: ['<p>new</p>'], removed: ['<p>old</p>'] },
    ]);
  });

  it('keeps paths with parentheses and unquotes C-quoted ones', () => {
    const diff = `diff --git a/app/(marketing)/page.tsx b/app/(marketing)/page.tsx
--- a/app/(marketing)/page.tsx
+++ b/app/(marketing)/page.tsx
@@ -1 +1 @@
-a
+b
diff --git "a/caf\\303\\251.html" "b/caf\\303\\251.html"
--- "a/caf\\303\\251.html"
+++ "b/caf\\303\\251.html"
@@ -1 +1 @@
-x
+y
`;
    expect(parseUnifiedDiff(diff).map((f) => f.path)).toEqual(['app/(marketing)/page.tsx', 'café.html']);
  });

  it('names a new file by its new path and a deleted one by its old path', () => {
    const diff = `diff --git a/data/new.ts b/data/new.ts
new file mode 100644
--- /dev/null
+++ b/data/new.ts
@@ -0,0 +1,2 @@
+export const a = 1
+export const b = 2
diff --git a/src/old.jsx b/src/old.jsx
deleted file mode 100644
--- a/src/old.jsx
+++ /dev/null
@@ -1 +0,0 @@
-export default 1
`;
    expect(parseUnifiedDiff(diff)).toEqual([
      { path: 'data/new.ts', added: ['export const a = 1', 'export const b = 2'], removed: [] },
      { path: 'src/old.jsx', added: [], removed: ['export default 1'] },
    ]);
  });
});

describe('judgeEdit', () => {
  it('accepts the right file, text added and dropped, within the line limit', () => {
    expect(judgeEdit(footerRequest, footerDiff)).toEqual({ correct: true, reason: 'changed src/components/MarketingFooter.jsx (2 lines)' });
  });

  it('refuses an empty branch', () => {
    expect(judgeEdit(footerRequest, '')).toEqual({ correct: false, reason: 'the branch changes nothing' });
  });

  it('refuses a change to a file outside the regex, such as the dead Header.jsx', () => {
    const diff = `${footerDiff}diff --git a/src/components/Header.jsx b/src/components/Header.jsx
--- a/src/components/Header.jsx
+++ b/src/components/Header.jsx
@@ -1 +1 @@
-Acme
+Acme Inc.
`;
    const verdict = judgeEdit(footerRequest, diff);
    expect(verdict.correct).toBe(false);
    expect(verdict.reason).toBe('changed src/components/Header.jsx; expected only files matching /src/components/MarketingFooter\\.jsx$/');
  });

  it('refuses when no added line holds one of the add strings', () => {
    const diff = footerDiff.replace('+          <div>&copy; {currentYear} Acme Inc. All rights reserved.</div>', '+          <div>&copy; {currentYear} Acme Inc.</div>');
    expect(judgeEdit(footerRequest, diff)).toEqual({
      correct: false,
      reason: 'no added line contains "Acme Inc. All rights reserved."; changed src/components/MarketingFooter.jsx (2 lines)',
    });
  });

  it('refuses when the old text stays (text added beside it instead of replacing it)', () => {
    const diff = `diff --git a/src/components/MarketingFooter.jsx b/src/components/MarketingFooter.jsx
--- a/src/components/MarketingFooter.jsx
+++ b/src/components/MarketingFooter.jsx
@@ -23,1 +23,2 @@
           <div>&copy; {currentYear} Acme Co. All rights reserved.</div>
+          <div>Acme Inc. All rights reserved.</div>
`;
    expect(judgeEdit(footerRequest, diff).reason).toBe('no removed line contains "Acme Co. All rights reserved."; changed src/components/MarketingFooter.jsx (1 line)');
  });

  it('accepts any one of several add strings, in any added line', () => {
    const request: SiteRequest = { id: 'struct-color', options: { command: 'section:navbar color:#1e3a8a' }, add: ['1e3a8a', 'blue-9'], drop: ['bg-white/80'], lines: 4 };
    const diff = `diff --git a/src/layouts/MarketingLayout.jsx b/src/layouts/MarketingLayout.jsx
--- a/src/layouts/MarketingLayout.jsx
+++ b/src/layouts/MarketingLayout.jsx
@@ -12 +12 @@
-      <header className="fixed inset-x-0 top-0 z-50 bg-white/80 dark:bg-gray-950">
+      <header className="fixed inset-x-0 top-0 z-50 bg-blue-900 dark:bg-gray-950">
`;
    expect(judgeEdit(request, diff).correct).toBe(true);
  });

  it('refuses more changed lines than the limit', () => {
    const request: SiteRequest = { ...footerRequest, lines: 1 };
    expect(judgeEdit(request, footerDiff)).toEqual({ correct: false, reason: '2 lines changed, at most 1 expected; changed src/components/MarketingFooter.jsx' });
  });

  it('checks only what the request states (a generic request has no file or drop)', () => {
    expect(judgeEdit({ id: 'footer', options: {}, add: ['Acme Inc.'] }, footerDiff).correct).toBe(true);
  });

  it('refuses a change whose file no longer parses, even when the text is right', () => {
    const verdict = judgeEdit(footerRequest, footerDiff, [{ path: 'src/components/MarketingFooter.jsx', error: 'Unterminated JSX contents. (23:10)' }]);
    expect(verdict).toEqual({ correct: false, reason: 'src/components/MarketingFooter.jsx no longer parses (Unterminated JSX contents. (23:10))' });
  });
});

describe('judgeQuestion', () => {
  it('is right only where requests.json allows a question', () => {
    expect(judgeQuestion({ id: 'smoke', options: {}, ask: true }, 'Which header?')).toEqual({ correct: true, reason: 'Which header?' });
    expect(judgeQuestion({ id: 'hero', options: {} }, 'Which header?')).toEqual({ correct: false, reason: 'asked where an edit was expected: Which header?' });
  });
});

describe('summarize', () => {
  it('counts each outcome and the share of correct edits and rightly asked questions', () => {
    const summary = summarize([
      { id: 'a', outcome: 'edit', correct: true, reason: '' },
      { id: 'b', outcome: 'edit', correct: false, reason: '' },
      { id: 'c', outcome: 'asked', correct: true, reason: '' },
      { id: 'd', outcome: 'asked', correct: false, reason: '' },
      { id: 'e', outcome: 'refused', correct: false, reason: '' },
      { id: 'f', outcome: 'error', correct: false, reason: '' },
      { id: 'g', outcome: 'edit', correct: true, reason: '' },
      { id: 'h', outcome: 'refused', correct: false, reason: '' },
    ]);
    expect(summary).toEqual({ requests: 8, correct: 2, asked: 2, rightlyAsked: 1, refused: 2, wrong: 1, errors: 1, rightPercent: 37.5 });
  });

  it('is 0 % of nothing', () => {
    expect(summarize([]).rightPercent).toBe(0);
  });
});

describe('firstSentence', () => {
  it('takes the first sentence, on one line, and shortens a long one', () => {
    expect(firstSentence('Unknown section `hedaer`. Did you mean `header`?')).toBe('Unknown section `hedaer`.');
    expect(firstSentence('Which section\nshould change?  header or footer')).toBe('Which section should change?');
    expect(firstSentence('Version 1.2 is out')).toBe('Version 1.2 is out');
    expect(firstSentence('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('newParseProblem', () => {
  it('reports a JSX file the edit broke, and not one that still parses', () => {
    const before = 'export default () => <div>Hi</div>;\n';
    expect(newParseProblem('src/A.jsx', before, 'export default () => <div>Hello</div>;\n')).toBeUndefined();
    expect(newParseProblem('src/A.jsx', before, 'export default () => <div>Hello</dvi>;\n')).toMatch(/Expected corresponding JSX closing tag/);
  });

  it('parses .ts without JSX and .tsx with it', () => {
    expect(newParseProblem('a.ts', undefined, 'const x = <number>y;\n')).toBeUndefined();
    expect(newParseProblem('a.tsx', undefined, 'const x = (y: number) => <b>{y}</b>;\n')).toBeUndefined();
  });

  it('reports CSS the edit broke', () => {
    expect(newParseProblem('styles.css', '.a { color: red; }', '.a { color: #1e3a8a; }')).toBeUndefined();
    expect(newParseProblem('styles.css', '.a { color: red; }', '.a { color: #1e3a8a; ')).toMatch(/Unclosed block/);
  });
});
