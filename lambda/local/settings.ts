import { resolve } from 'node:path';

/** Local mode's knobs, all from environment variables (documented in docs/discord.md). */
export interface LocalSettings {
  /** `.valine/` (VALINE_HOME): dev keys, flags, on-disk tables, the stand-in's memory. */
  home: string;
  host: string;
  port: number;
  flagsFile: string;
  /** VALINE_PERSIST=1: keep the tables under `<home>/dynamodb` instead of in memory. */
  persist: boolean;
  dynamoDbPath: string;
  devKeyFile: string;
  /** The dev secrets file (`<home>/secrets.json`, VALINE_SECRETS_FILE): the secure way to give local mode real secrets. */
  secretsFile: string;
  /** VALINE_SITE_SANDBOX: "auto" runs the site's dev-server command in its own PID namespace when `unshare` can; "off" never does. */
  siteSandbox: 'auto' | 'off';
  siteDirectory: string;
  /** VALINE_SITE_SEED (or `npm start -- --site <folder>`): the folder `.valine/site` is a copy of (examples/site). */
  siteSeed: string;
  /** A seed was named: `.valine/site` is re-made from it when it holds a copy of another folder. */
  siteSeedAskedFor: boolean;
  standInStateFile: string;
  /** Where the stand-in saves the images attached to the bot's messages (`<home>/screenshots`). */
  screenshotsDirectory: string;
  /** VALINE_SITE_PREVIEW: "static", "auto", a dev-server command with {port}, or unset (no screenshots after Confirm). */
  sitePreview?: string;
  /** Where the Discord stand-in serves its loopback Discord API (DISCORD_STAND_IN_PORT, default PORT + 1). */
  standInPort: number;
  /** DISCORD_API_BASE when set. */
  discordApiBase?: string;
  taskTtlSeconds: number;
}

function portFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (0-65535), not "${value}".`);
  return port;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): LocalSettings {
  const home = resolve(cwd, env.VALINE_HOME || '.valine');
  const port = portFrom('PORT', env.PORT, 3000);
  const ttl = Number(env.TASK_TTL_SECONDS || 900);
  return {
    home,
    host: env.HOST || '127.0.0.1',
    port,
    flagsFile: resolve(cwd, env.VALINE_FLAGS_FILE || resolve(home, 'flags.json')),
    persist: ['1', 'true', 'yes'].includes((env.VALINE_PERSIST ?? '').toLowerCase()),
    dynamoDbPath: resolve(home, 'dynamodb'),
    devKeyFile: resolve(home, 'dev-keys.json'),
    secretsFile: resolve(cwd, env.VALINE_SECRETS_FILE || resolve(home, 'secrets.json')),
    siteSandbox: (env.VALINE_SITE_SANDBOX ?? '').trim().toLowerCase() === 'off' ? 'off' : 'auto',
    siteDirectory: resolve(home, 'site'),
    siteSeed: resolve(cwd, env.VALINE_SITE_SEED || 'examples/site'),
    siteSeedAskedFor: Boolean(env.VALINE_SITE_SEED),
    standInStateFile: resolve(home, 'discord-stand-in.json'),
    screenshotsDirectory: resolve(home, 'screenshots'),
    sitePreview: env.VALINE_SITE_PREVIEW || undefined,
    standInPort: portFrom('DISCORD_STAND_IN_PORT', env.DISCORD_STAND_IN_PORT, port === 0 ? 0 : port + 1),
    discordApiBase: env.DISCORD_API_BASE || undefined,
    taskTtlSeconds: Number.isInteger(ttl) && ttl > 0 ? ttl : 900,
  };
}

export const standInApiBase = (port: number): string => `http://127.0.0.1:${port}/api/v10`;
