import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../ports/logger';

/** JSON log lines (CloudWatch Logs Insights friendly) through Powertools Logger. */
export function createLogger(serviceName: string, persistentKeys: Record<string, string> = {}): Logger {
  const logger = new PowertoolsLogger({ serviceName, persistentKeys });
  return {
    debug: (message, extra) => logger.debug(message, extra ?? {}),
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
  };
}
