import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { ChromiumLayer } from './chromium-layer';
import { ValineFunction } from './valine-function';
import type { ValineTable } from './valine-tables';

export interface ScreenshotFunctionProps {
  readonly config: StageConfig;
  readonly conversations: ValineTable;
}

/** Deploys lambda/screenshot: Chromium from a layer, read access to the tasks, the flags (site-url) and the bot token to post. */
export class ScreenshotFunction extends Construct {
  readonly function: ValineFunction<'screenshot'>;

  constructor(scope: Construct, id: string, props: ScreenshotFunctionProps) {
    super(scope, id);
    const chromium = new ChromiumLayer(this, 'Chromium');
    this.function = new ValineFunction(scope, 'Screenshot', {
      functionId: 'screenshot',
      config: props.config,
      description: 'Screenshots of a deployed preview or live change (headless Chromium), posted to the requester in Discord.',
      environment: { CONVERSATIONS_TABLE: props.conversations.tableName },
      architecture: Architecture.X86_64,
      layers: [chromium.layer],
    })
      .bindTable({ table: props.conversations, accessMode: 'RO' })
      .bindParameters({ flags: true, secrets: ['discord-bot-token'] });
  }
}
