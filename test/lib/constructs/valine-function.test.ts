import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FUNCTION_ENVIRONMENT, FUNCTION_IDS, type EnvironmentOf, type FunctionId } from '../../../lambda/core/contract/environment';
import { LEDGER_TABLE } from '../../../lambda/core/contract/tables';
import { STAGE_CONFIGS } from '../../../lib/config/stages';
import { ValineFunction } from '../../../lib/constructs/valine-function';
import { ValineTable } from '../../../lib/constructs/valine-tables';

// One stack with every handler, bundled for real by the local esbuild (no Docker), synthesized once.
const outdir = mkdtempSync(path.join(tmpdir(), 'valine-bundle-'));
const app = new App({ outdir });
const stack = new Stack(app, 'Bundles');
const config = STAGE_CONFIGS.dev;
const ledger = new ValineTable(stack, 'Ledger', LEDGER_TABLE, config);
const functions = FUNCTION_IDS.map((functionId) => {
  const environment = Object.fromEntries(
    FUNCTION_ENVIRONMENT[functionId].filter((v) => v !== 'VALINE_STAGE' && v !== 'VALINE_VERSION').map((v) => [v, 'placeholder']),
  ) as Omit<EnvironmentOf<FunctionId>, 'VALINE_STAGE' | 'VALINE_VERSION'>;
  return new ValineFunction(stack, functionId, { functionId, config, description: functionId, environment });
});
functions[0]!.bindTable({ table: ledger, accessMode: 'RO' });
const assembly = app.synth();
const template = Template.fromStack(stack);

describe('ValineFunction', () => {
  test.each(FUNCTION_IDS)('bundles lambda/%s/index.ts into a minified CommonJS file with a source map', (functionId) => {
    const resource = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (r) => r.Properties.FunctionName === `valine-orchestrator-${functionId}-dev`,
    )!;
    const assetHash = (resource.Properties.Code.S3Key as string).replace(/\.zip$/, '');
    const bundleDir = path.join(assembly.directory, `asset.${assetHash}`);
    const code = readFileSync(path.join(bundleDir, 'index.js'), 'utf8');
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code).toMatch(/module\.exports/);
    const sourceMap = JSON.parse(readFileSync(path.join(bundleDir, 'index.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    const sources = sourceMap.sources;
    expect(sources).toContainEqual(expect.stringMatching(new RegExp(`lambda/${functionId}/index\\.ts$`)));
    // Positions only: embedded sources would multiply the map (and the cold-start read) several times.
    expect(sourceMap.sourcesContent).toBeUndefined();
    // The nodejs22.x runtime provides AWS SDK v3; bundling it would only add cold-start weight.
    expect(sources.filter((s) => s.includes('node_modules/@aws-sdk/'))).toEqual([]);
    expect(statSync(path.join(bundleDir, 'index.js')).size).toBeLessThan(5 * 1024 * 1024);
  });

  test("bindTable({ accessMode: 'RO' }) grants reads and no writes", () => {
    const readerRole = functions[0]!.executionRole;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter(
      (p) => p.Properties.Roles[0].Ref === stack.getLogicalId(readerRole.node.defaultChild as never),
    );
    const actions = policies.flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) => [s.Action].flat()),
    );
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
  });
});
