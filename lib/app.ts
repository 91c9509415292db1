import type { App } from 'aws-cdk-lib';
import { resolveDeployment } from './config/deployment';
import { ValineOrchestratorStack } from './valine-orchestrator-stack';

/** Adds the stack of the stage selected by --context stage (default dev) to the app. */
export function buildApp(app: App, processEnv: NodeJS.ProcessEnv = process.env): ValineOrchestratorStack {
  const { config, env } = resolveDeployment((key) => app.node.tryGetContext(key), processEnv, Object.keys(app.node.getAllContext()));
  return new ValineOrchestratorStack(app, { config, ...(env.account || env.region ? { env } : {}) });
}
