/**
 * How `npm run bench:real-sites` judges one request: the committed diff against what
 * requests.json says a correct edit looks like. Pure functions: no git, no agent, no files.
 */

/** One request of requests.json (see ../shared/real-sites/requests.json, "about"). */
export interface SiteRequest {
  id: string;
  options: Record<string, string>;
  /** A regular expression every changed file's path (relative to the repository root) must match. */
  file?: string;
  /** One of these must appear in an added line. */
  add?: string[];
  /** One of these must appear in a removed line. */
  drop?: string[];
  /** At most this many changed lines (added + removed). */
  lines?: number;
  /** A question (no Confirm button) also counts as right. */
  ask?: boolean;
}

export interface FileChange {
  path: string;
  added: string[];
  removed: string[];
}

/** A changed file that parsed on the default branch and no longer does on the branch. */
export interface BrokenFile {
  path: string;
  error: string;
}

export interface Verdict {
  correct: boolean;
  reason: string;
}

/** What the agent did with one request. `asked` is a clarification or a choice; `edit` is a committed proposal. */
export type OutcomeKind = 'edit' | 'asked' | 'refused' | 'error';

export interface RequestResult {
  id: string;
  outcome: OutcomeKind;
  correct: boolean;
  reason: string;
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/** git quotes paths with unusual bytes as C strings: `"a/caf\303\251.tsx"`. */
function unquotePath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const stripPrefix = (path: string) => path.replace(/^[ab]\//, '');

/**
 * The added and removed lines of each file in a unified diff (`git diff` output). Hunk lengths
 * are counted, so a removed line that itself starts with `--` is never read as a file header.
 */
export function parseUnifiedDiff(text: string): FileChange[] {
  const files: FileChange[] = [];
  let current: FileChange | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of text.split('\n')) {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('\\')) continue; // "\ No newline at end of file"
      if (!current) break;
      if (line.startsWith('+')) {
        current.added.push(line.slice(1));
        newLeft--;
      } else if (line.startsWith('-')) {
        current.removed.push(line.slice(1));
        oldLeft--;
      } else {
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    if (line.startsWith('diff --git ')) {
      const match = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(line);
      current = { path: match ? stripPrefix(unquotePath(match[2])) : line.slice('diff --git '.length), added: [], removed: [] };
      files.push(current);
      continue;
    }
    if (line.startsWith('+++ ') || line.startsWith('--- ')) {
      const raw = line.slice(4).replace(/\t.*$/, '');
      if (raw === '/dev/null') continue;
      const path = stripPrefix(unquotePath(raw));
      if (!current) {
        current = { path, added: [], removed: [] };
        files.push(current);
      } else if (line.startsWith('+++ ')) {
        current.path = path;
      }
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (hunk && current) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
    }
  }
  return files;
}

const quoteList = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(' or ');

/** A committed edit against the request: every rule of requests.json, first failure named. */
export function judgeEdit(request: SiteRequest, diff: string, broken: readonly BrokenFile[] = []): Verdict {
  const files = parseUnifiedDiff(diff).filter((f) => f.added.length > 0 || f.removed.length > 0);
  if (files.length === 0) return { correct: false, reason: 'the branch changes nothing' };
  const changedLines = files.reduce((sum, f) => sum + f.added.length + f.removed.length, 0);
  const where = `${files.map((f) => f.path).join(', ')} (${changedLines} line${changedLines === 1 ? '' : 's'})`;

  if (request.file !== undefined) {
    const pattern = new RegExp(request.file);
    const outside = files.filter((f) => !pattern.test(f.path)).map((f) => f.path);
    if (outside.length > 0) return { correct: false, reason: `changed ${outside.join(', ')}; expected only files matching /${request.file}/` };
  }
  if (broken.length > 0) return { correct: false, reason: `${broken.map((b) => `${b.path} no longer parses (${b.error})`).join('; ')}` };

  const added = files.flatMap((f) => f.added);
  const removed = files.flatMap((f) => f.removed);
  if (request.add?.length && !added.some((line) => request.add!.some((s) => line.includes(s)))) {
    return { correct: false, reason: `no added line contains ${quoteList(request.add)}; changed ${where}` };
  }
  if (request.drop?.length && !removed.some((line) => request.drop!.some((s) => line.includes(s)))) {
    return { correct: false, reason: `no removed line contains ${quoteList(request.drop)}; changed ${where}` };
  }
  if (request.lines !== undefined && changedLines > request.lines) {
    return { correct: false, reason: `${changedLines} lines changed, at most ${request.lines} expected; changed ${files.map((f) => f.path).join(', ')}` };
  }
  return { correct: true, reason: `changed ${where}` };
}

/** A question instead of an edit: right only where requests.json says a question is acceptable. */
export function judgeQuestion(request: SiteRequest, question: string): Verdict {
  return { correct: request.ask === true, reason: request.ask === true ? question : `asked where an edit was expected: ${question}` };
}

export interface Summary {
  requests: number;
  correct: number;
  asked: number;
  rightlyAsked: number;
  refused: number;
  wrong: number;
  errors: number;
  /** Correct edits and rightly asked questions, as a share of all requests (0–100). */
  rightPercent: number;
}

export function summarize(results: readonly RequestResult[]): Summary {
  const count = (test: (r: RequestResult) => boolean) => results.filter(test).length;
  const correct = count((r) => r.outcome === 'edit' && r.correct);
  const rightlyAsked = count((r) => r.outcome === 'asked' && r.correct);
  return {
    requests: results.length,
    correct,
    asked: count((r) => r.outcome === 'asked'),
    rightlyAsked,
    refused: count((r) => r.outcome === 'refused'),
    wrong: count((r) => r.outcome === 'edit' && !r.correct),
    errors: count((r) => r.outcome === 'error'),
    rightPercent: results.length === 0 ? 0 : (100 * (correct + rightlyAsked)) / results.length,
  };
}

/** The first sentence of a message's text, on one line, for a table cell. */
export function firstSentence(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const match = /^.*?[.?!](?=\s|$)/.exec(flat);
  const sentence = match ? match[0] : flat;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}
