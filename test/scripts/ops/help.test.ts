import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, runTsx } from '../run-script';

/** Every package.json script that runs a file of scripts/ with tsx: the operator's commands. */
const scripts = Object.entries(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>)
  .map(([name, command]) => ({ name, words: command.split(' ') }))
  .filter(({ words }) => words[0] === 'tsx' && words[1]?.startsWith('scripts/'))
  .map(({ name, words }) => ({ name, script: words[1]!, fixedArgs: words.slice(2) }));

// An empty environment: help must not need credentials, secrets or a server.
const bare = { HOME: '/nonexistent', NODE_NO_WARNINGS: '1' };

test('the operator scripts found in package.json are the ones the docs name', () => {
  expect(scripts.map((s) => s.name).sort()).toEqual(['deploy', 'diff', 'github-webhook', 'put-secret', 'register-commands', 'release', 'set-flag']);
});

// `-h` is read by the two parsers every script uses (operator-command.ts, and aws-cdk.ts for diff and deploy): tried on one script of each.
const SHORT_FLAG_TRIED_ON = new Set(['set-flag', 'diff']);

describe.each(scripts)('npm run $name', ({ name, script, fixedArgs }) => {
  test.each(SHORT_FLAG_TRIED_ON.has(name) ? ['--help', '-h'] : ['--help'])('%s prints the usage, the options and an example, and exits 0', async (flag) => {
    const run = await runTsx(script, [...fixedArgs, flag], { env: bare });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: npm run ${name} -- \\S`));
    expect(run.stdout).toMatch(/^Options:\n( {2}\S.*\n)+/m);
    expect(run.stdout).toMatch(/^ {2}-h, --help +Print this help and exit\.$/m);
    expect(run.stdout).toMatch(new RegExp(`^Examples?:\\n {2}(\\S+=\\S+ )*npm run ${name} `, 'm'));
  });
});

// diff and deploy hand every other argument to the CDK CLI, which judges them itself.
describe.each(scripts.filter((s) => s.name !== 'diff' && s.name !== 'deploy'))('npm run $name', ({ name, script, fixedArgs }) => {
  test('an unknown option exits 1 with one sentence naming it and pointing at --help', async () => {
    const run = await runTsx(script, [...fixedArgs, '--verbose'], { env: bare });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Unknown option "--verbose"; run npm run ${name} -- --help for the options.\n`);
  });
});
