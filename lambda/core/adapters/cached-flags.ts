import { FLAG_NAMES, defaultFlagValues, parseFlag, type FlagName, type FlagValues } from '../contract/flags';
import type { StageName } from '../contract/stages';
import type { FlagReader } from '../ports/flags';
import type { Logger } from '../ports/logger';
import { errorMessage } from '../domain/error-message';

export const FLAG_CACHE_SECONDS = 30;
const COLD_RETRY_MS = 5000;

/**
 * Shared by the SSM and file flag sources: loads all raw values at most once per cache
 * period, parses each with the contract's schema, and falls back to the stage default for
 * a missing or malformed value, warning once per distinct problem.
 */
export class CachedFlagReader implements FlagReader {
  private cached?: { values: FlagValues; loadedAt: number };
  private loading?: Promise<FlagValues>;
  private readonly warned = new Set<string>();

  constructor(
    private readonly stage: StageName,
    private readonly loadRaw: () => Promise<Record<string, string>>,
    private readonly logger: Logger,
    private readonly cacheMs: number = FLAG_CACHE_SECONDS * 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  async all(): Promise<FlagValues> {
    if (this.cached && this.clock() - this.cached.loadedAt < this.cacheMs) return this.cached.values;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  async get<K extends FlagName>(name: K): Promise<FlagValues[K]> {
    return (await this.all())[name];
  }

  private async load(): Promise<FlagValues> {
    const defaults = defaultFlagValues(this.stage);
    let raw: Record<string, string>;
    try {
      raw = await this.loadRaw();
    } catch (error) {
      this.warnOnce('load', 'Could not read feature flags; using the stage defaults until the next read.', {
        error: errorMessage(error),
      });
      // Keep the last good values for another cache period; with none yet (cold start), use the
      // defaults and try again soon. Either way SSM is not called again on every request.
      const values = this.cached?.values ?? defaults;
      const retryInMs = this.cached ? this.cacheMs : Math.min(this.cacheMs, COLD_RETRY_MS);
      this.cached = { values, loadedAt: this.clock() - this.cacheMs + retryInMs };
      return values;
    }
    const values = { ...defaults } as Record<FlagName, unknown>;
    for (const name of FLAG_NAMES) {
      const value = raw[name];
      if (value === undefined) {
        this.warnOnce(`missing:${name}`, `Flag ${name} is not set; using the stage default.`, { flag: name });
        continue;
      }
      const parsed = parseFlag(name, value);
      if (!parsed.ok) {
        this.warnOnce(`malformed:${name}:${value}`, `Flag ${name} has a malformed value; using the stage default.`, {
          flag: name,
          value: value.slice(0, 100),
          problem: parsed.problem,
        });
        continue;
      }
      values[name] = parsed.value;
    }
    const result = values as FlagValues;
    this.cached = { values: result, loadedAt: this.clock() };
    return result;
  }

  private warnOnce(key: string, message: string, extra: Record<string, unknown>): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(message, extra);
  }
}
