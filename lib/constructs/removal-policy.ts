import { RemovalPolicy } from 'aws-cdk-lib';
import type { StageConfig } from '../config/stages';

/** Tables: `retain` keeps them in every case, also when a first deployment rolls back (they are deletion-protected then anyway). */
export const removalPolicyOf = (config: StageConfig): RemovalPolicy =>
  config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

/**
 * Log groups and the dead-letter queue: `retain` keeps them on update and stack deletion, but a
 * failed first deployment removes them, so its retry does not trip over their fixed names.
 */
export const removalPolicyOfLogsAndQueues = (config: StageConfig): RemovalPolicy =>
  config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY;
