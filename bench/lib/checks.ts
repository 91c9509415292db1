import type { Check } from '../suite';

/** "PASS  name: measured (target …)", or MISS: one line per figure to reach, the same in every bench. */
export const checkLine = (check: Check): string => `${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.measured} (target ${check.target})`;
