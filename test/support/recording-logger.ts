import type { Logger } from '../../lambda/core/ports/logger';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  extra?: Record<string, unknown>;
}

/** A Logger that keeps its lines, so tests can assert what an operator would read. */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, extra?: Record<string, unknown>) => {
    lines.push({ level, message, extra });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
