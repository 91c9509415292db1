import { errorMessage } from '../../lambda/core/domain/error-message';
import type { Check } from '../suite';

/** "PASS  name: measured (target …)", or MISS: one line per figure to reach, the same in every bench. */
export const checkLine = (check: Check): string => `${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.measured} (target ${check.target})`;

/** A bench's report as every bench prints it: its lines, a blank line, then a PASS/MISS line per figure. */
export function printReport(report: { lines: readonly string[]; checks: readonly Check[] }): void {
  console.log(report.lines.join('\n'));
  console.log('');
  for (const check of report.checks) console.log(checkLine(check));
}

/** Runs a bench's main when its file is the command (`tsx bench/<name>.ts`), exiting 1 with one line when it fails. */
export function runWhenCalled(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().catch((error: unknown) => {
    console.error(`The benchmark failed: ${errorMessage(error)}`);
    process.exit(1);
  });
}
