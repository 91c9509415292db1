import { RemovalPolicy } from 'aws-cdk-lib';
import type { StageConfig } from '../config/stages';

export const removalPolicyOf = (config: StageConfig): RemovalPolicy =>
  config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
