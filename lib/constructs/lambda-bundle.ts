import type { FunctionId } from '../../lambda/core/contract/environment';

/**
 * How every Lambda is bundled (esbuild), in one place: ValineFunction passes it to NodejsFunction
 * and `npm run bench` builds the same bundles with it, so the benchmark measures what is deployed.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  minify: true,
  sourcemap: true,
  // Maps carry positions, not a copy of the sources: worker's map 10.4 MB → 1.9 MB, less to read at cold start.
  sourcesContent: false,
  // The nodejs22.x runtime ships AWS SDK v3.
  external: ['@aws-sdk/*'],
} as const;

/**
 * NODE_OPTIONS per function. Every bundle ships its source map, but Node parses it at start only
 * with --enable-source-maps: about 18 ms of a cold interactions PING and 60-100 ms of a cold
 * worker (2 MB of map). Both log error messages, not stacks; a stack from them is mapped by hand
 * (docs/runbook.md). The short-lived webhook and alert functions keep mapped stacks.
 */
const WITHOUT_RUNTIME_SOURCE_MAPS: readonly FunctionId[] = ['interactions', 'worker'];

export function runtimeNodeOptions(functionId: FunctionId): string | undefined {
  return WITHOUT_RUNTIME_SOURCE_MAPS.includes(functionId) ? undefined : '--enable-source-maps';
}

/**
 * Packages a function loads from its layer instead of its bundle. playwright-core reads its own
 * package.json at load, so esbuild cannot inline it. The worker's LLM SDKs and the UX Agent's
 * parsers (Babel, postcss; each website stack's own compiler or parser: Astro's (WebAssembly),
 * Vue's, Svelte's, YAML, TOML, SCSS) are needed only once an agent proposes or executes, most of
 * them only for a site of their stack: inlined, they would be compiled at every cold start; from
 * the layer (NodeModulesLayer) they are required on first use. (parse5 and mdast-util-from-markdown
 * stay bundled: they are ESM only, which Node 20 cannot require; esbuild initialises them on first use.)
 */
export const LAYER_MODULES: Partial<Record<FunctionId, readonly string[]>> = {
  screenshot: ['playwright-core'],
  worker: ['@anthropic-ai/sdk', 'openai', '@babel/parser', 'postcss', '@astrojs/compiler', '@vue/compiler-sfc', 'svelte', 'yaml', 'toml-eslint-parser', 'postcss-scss', 'sass-parser'],
};
