import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageName } from '../../../lambda/core/contract/stages';
import { buildApp } from '../../../lib/app';
import type { ValineOrchestratorStack } from '../../../lib/valine-orchestrator-stack';

export interface SynthesizedStage {
  readonly app: App;
  readonly stack: ValineOrchestratorStack;
  readonly template: Template;
}

export interface SynthesizeOptions {
  /** Bundle the handlers with esbuild (slower); otherwise assets are fingerprinted without bundling. */
  readonly bundle?: boolean;
  /** Run the cdk-nag AwsSolutions pack during synthesis (synthesis throws on unacknowledged findings). */
  readonly nag?: boolean;
  readonly context?: Record<string, string>;
}

// The feature flags the CDK CLI passes from cdk.json, so tests synthesize what `cdk synth` does.
const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** Builds the app for one stage the way bin/ does (context `stage`), with no account/region. */
export function synthesizeStage(stage: StageName, options: SynthesizeOptions = {}): SynthesizedStage {
  const app = new App({
    outdir: mkdtempSync(path.join(tmpdir(), `valine-cdk-${stage}-`)),
    context: {
      ...CDK_JSON_CONTEXT,
      stage,
      // Without bundling, the assets are not copied into the outdir either (the layers alone are 131 MB a synth):
      // the template names each asset by its hash all the same.
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true }),
      ...options.context,
    },
  });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = buildApp(app, {});
  return { app, stack, template: Template.fromStack(stack) };
}
