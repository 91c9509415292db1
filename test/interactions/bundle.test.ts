import { build } from 'esbuild';
import { resolve } from 'node:path';
import { LAMBDA_BUNDLE } from '../../lib/constructs/lambda-bundle';

/** The interactions function must stay small: the heavy work (UX Agent, LLM SDKs, Octokit) belongs to the worker. */
describe('the interactions bundle', () => {
  it('leaves out the agents, the LLM SDKs and Octokit, and stays under 400 KB minified', async () => {
    const result = await build({
      entryPoints: [resolve('lambda/interactions/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      // As the CDK builds it: the staff's profiles reach no agent code (only the worker's agents/hire.ts loads it).
      target: LAMBDA_BUNDLE.target,
      minify: LAMBDA_BUNDLE.minify,
      external: [...LAMBDA_BUNDLE.external],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const heavy = inputs.filter((path) =>
      /lambda\/core\/agents\/ux\/(?!profile\.ts)|lambda\/core\/llm\/(?!prices\.ts)|node_modules\/(@octokit|openai|@anthropic-ai|diff|@babel)\//.test(path),
    );
    expect(heavy).toEqual([]);
    const bytes = result.outputFiles?.[0]?.contents.length ?? Infinity;
    expect(bytes).toBeLessThan(400 * 1024);
  });
});
