// GitHub's Octokit packages, parse5 and mdast-util-from-markdown (with micromark) ship ESM only; let jest
// resolve their "import" exports so @swc/jest can compile them to CommonJS (everything else resolves as usual).
const esmOnly = /^(@octokit\/|universal-user-agent|before-after-hook|universal-github-app-jwt|content-type|toad-cache|fast-content-type-parse|json-with-bigint|parse5|entities|mdast-util-|micromark|decode-named-character-reference|character-entities|devlop|unist-util-)/;
module.exports = (request, options) => {
  const conditions = esmOnly.test(request) && options.conditions ? [...options.conditions, 'import'] : options.conditions;
  return options.defaultResolver(request, { ...options, conditions });
};
