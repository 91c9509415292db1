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

/** Packages a function loads from its layer instead of its bundle: playwright-core reads its own package.json at load, so esbuild cannot inline it. */
export const LAYER_MODULES: Partial<Record<FunctionId, readonly string[]>> = {
  screenshot: ['playwright-core'],
};
