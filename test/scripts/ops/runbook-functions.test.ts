import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FUNCTION_IDS } from '../../../lambda/core/contract/environment';
import { functionName } from '../../../lib/config/resource-names';
import { synthesizeStage } from '../../lib/support/synthesize-stage';
import { PROJECT_ROOT } from '../run-script';

/**
 * The operator's lists of functions say what the synthesized stacks hold: every function, its architecture,
 * memory and timeout. A function added to the stack, or resized, fails here until the docs follow.
 */
const runbook = readFileSync(path.join(PROJECT_ROOT, 'docs', 'runbook.md'), 'utf8');
const infrastructure = readFileSync(path.join(PROJECT_ROOT, 'docs', 'infrastructure.md'), 'utf8');

interface DeployedFunction {
  readonly architecture: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

function functionsOf(stage: 'dev' | 'prod'): Map<string, DeployedFunction> {
  const resources = synthesizeStage(stage).template.findResources('AWS::Lambda::Function');
  const found = new Map<string, DeployedFunction>();
  for (const { Properties: p } of Object.values(resources) as Array<{ Properties: Record<string, unknown> }>) {
    if (typeof p.FunctionName !== 'string') continue; // the CDK's own helper functions have no name of ours
    found.set(p.FunctionName, {
      architecture: ((p.Architectures as string[] | undefined) ?? ['x86_64'])[0]!,
      memoryMb: p.MemorySize as number,
      timeoutSeconds: p.Timeout as number,
    });
  }
  return found;
}

let dev: Map<string, DeployedFunction>;
let prod: Map<string, DeployedFunction>;
beforeAll(() => {
  dev = functionsOf('dev');
  prod = functionsOf('prod');
});

/** The cells of a function's table row: `| \`id\` | architecture | memory dev / prod | timeout | …`. */
function row(document: string, id: string): string[] {
  const line = document.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
  return line ? line.split('|').slice(1, -1).map((cell) => cell.trim()) : [];
}

test('the stacks hold exactly the functions of the contract', () => {
  expect([...dev.keys()].sort()).toEqual(FUNCTION_IDS.map((id) => functionName(id, 'dev')).sort());
  expect([...prod.keys()].sort()).toEqual(FUNCTION_IDS.map((id) => functionName(id, 'prod')).sort());
});

describe.each(FUNCTION_IDS)('the %s function', (id) => {
  test('has its real architecture, memory and timeout in the tables of the runbook and infrastructure.md', () => {
    const inDev = dev.get(functionName(id, 'dev'))!;
    const inProd = prod.get(functionName(id, 'prod'))!;
    expect(inProd.architecture).toBe(inDev.architecture);
    expect(inProd.timeoutSeconds).toBe(inDev.timeoutSeconds); // the tables have one timeout column
    for (const document of [runbook, infrastructure]) {
      const [, architecture, memory, timeout] = row(document, id);
      expect(architecture?.replace(/\*/g, '').split(' ')[0]).toBe(inDev.architecture);
      expect(memory).toBe(`${inDev.memoryMb} / ${inProd.memoryMb} MB`);
      expect(timeout).toBe(`${inDev.timeoutSeconds} s`);
    }
  });

  test('is in every loop over the functions in the runbook (verify, logs)', () => {
    const loops = runbook.split('\n').filter((line) => /^for f in .*; do$/.test(line));
    expect(loops.length).toBeGreaterThanOrEqual(2);
    for (const loop of loops) expect(loop.replace(/; do$/, '').split(' ')).toContain(id);
  });
});
