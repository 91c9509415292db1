// GitHub's Octokit packages and parse5 ship ESM only; let jest resolve their "import" exports so
// @swc/jest can compile them to CommonJS (everything else resolves as usual).
const esmOnly = /^(@octokit\/|universal-user-agent|before-after-hook|universal-github-app-jwt|content-type|toad-cache|fast-content-type-parse|json-with-bigint|parse5|entities)/;
module.exports = (request, options) => {
  const conditions = esmOnly.test(request) && options.conditions ? [...options.conditions, 'import'] : options.conditions;
  return options.defaultResolver(request, { ...options, conditions });
};
