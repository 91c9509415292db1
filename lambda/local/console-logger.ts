import type { Logger } from '../core/ports/logger';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** Readable one-line logs for a terminal (local mode); the Lambdas log JSON through Powertools. */
export function consoleLogger(minimum: Level = 'info', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const enabled = (level: Level) => LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);
  const at = (level: Level) => (message: string, extra?: Record<string, unknown>) => {
    if (!enabled(level)) return;
    write(`[${level}] ${message}${extra && Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : ''}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function logLevelFrom(value: string | undefined, fallback: Level): Level {
  return (LEVELS as readonly string[]).includes(value ?? '') ? (value as Level) : fallback;
}
