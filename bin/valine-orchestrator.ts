#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';
import { StageConfigError } from '../lib/config/stage-config-error';

try {
  const app = new App();
  buildApp(app);
  app.synth();
} catch (error) {
  if (!(error instanceof StageConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
