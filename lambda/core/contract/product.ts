/**
 * Who the bot says it is to Discord (`User-Agent: DiscordBot ($url, $versionNumber)`). Kept equal to
 * package.json's `homepage` and `version` by test/core/adapters/discord-rest.test.ts, without lambda/core
 * importing from outside itself.
 */
export const PRODUCT = {
  homepage: 'https://projectvaline.com',
  version: '0.1.0',
} as const;
