import { errorMessage } from '../core/domain/error-message';
import type { Logger } from '../core/ports/logger';

/** Local mode sweeps every minute; on AWS an EventBridge rule does it every 5 minutes. */
export const LOCAL_SWEEP_INTERVAL_MS = 60_000;

export interface SweepTimer {
  /** Resolves when the sweep running now (if any) has finished. */
  idle(): Promise<void>;
  /** No further sweep starts; one already running finishes on its own. */
  stop(): void;
}

/**
 * Runs `sweep` every `intervalMs`, never two at once. The timer is unref'd: it never keeps
 * the process alive by itself, so a server that closed its sockets still exits.
 */
export function startSweepTimer(sweep: () => Promise<void>, intervalMs: number, logger: Logger): SweepTimer {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .catch((error: unknown) => logger.error('The sweep of tasks left executing failed', { error: errorMessage(error) }))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    idle: async () => {
      await running;
    },
    stop: () => clearInterval(timer),
  };
}
