/** Tests are transformed by @swc/jest (no type-check); `tsc --noEmit` type-checks in `npm test`. */
const esmOnly = ['@octokit', 'universal-user-agent', 'before-after-hook', 'toad-cache', 'fast-content-type-parse', 'json-with-bigint', 'universal-github-app-jwt', 'octokit', 'content-type'];
module.exports = {
  testEnvironment: 'node',
  resolver: '<rootDir>/test/support/esm-resolver.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join("|")})).+\\.c?js$`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
};
