/** A benchmark suite: measures something, prints a table, returns JSON and the figures it checks. */
export interface Check {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

export interface SuiteReport {
  lines: string[];
  results: unknown;
  checks: Check[];
}

export interface BenchSuite {
  id: string;
  title: string;
  run(context: BenchContext): Promise<SuiteReport>;
}

export interface BenchContext {
  /** Where bundles and scratch files go (bench/results/, gitignored). */
  resultsDirectory: string;
  log(line: string): void;
}
