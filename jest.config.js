/** Tests are transformed by @swc/jest (no type-check); `tsc --noEmit` type-checks in `npm test`. */
// Node 20 runs the tests here (Lambda runs Node 22): keep the AWS SDK's Node-version notice out of the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// mdast-util-from-markdown (Markdown pages) and the micromark/unist packages it imports are ESM only too.
const esmOnly = ['@octokit', 'universal-user-agent', 'before-after-hook', 'toad-cache', 'fast-content-type-parse', 'json-with-bigint', 'universal-github-app-jwt', 'octokit', 'content-type', 'parse5', 'entities', 'pixelmatch', 'mdast-util-[\\w-]+', 'micromark[\\w-]*', 'decode-named-character-reference', 'character-entities', 'devlop', 'unist-util-[\\w-]+'];
module.exports = {
  testEnvironment: 'node',
  resolver: '<rootDir>/test/support/esm-resolver.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Every payload sent to the loopback Discord (and every interaction response of the test platform) is checked.
  setupFilesAfterEnv: ['<rootDir>/test/support/discord-payload-check.ts'],
  // Temporary files on a memory file system, one folder per run, removed at its end (test/support/test-temp-dir.js).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // Compiled when any package on the path is ESM-only, nested copies too (@vue/compiler-core's own `entities`).
  transformIgnorePatterns: [`^(?!.*/node_modules/(?:${esmOnly.join('|')})/).*/node_modules/.+\\.c?js$`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
  // jest's default on 2 cores is one worker (cores - 1): the suite ran file after file. Most files wait on
  // loopback servers, dynalite, git or Chromium more than they compute, so two workers share the cores.
  // (Three were no steadier faster on two cores — jest alone 2m45s to 3m07s against 3m04s — and loaded
  // the machine enough for a connection to the embedded DynamoDB to wait past its 2 s timeout.)
  maxWorkers: 2,
  // A worker whose heap is past this after a file is replaced by a fresh one. Each child process a test starts
  // (git above all: about 7,800 in the suite) is a fork of the worker, and a fork costs more the more memory the
  // worker holds (V8 leaves the earlier files' garbage uncollected for a long time): a spawn took 0.8 ms of the
  // worker's CPU at the start and 4 ms after the stacks tests. test/core/agents/ux: 81 s of CPU -> 73 s.
  workerIdleMemoryLimit: '250MB',
};
