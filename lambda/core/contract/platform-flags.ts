import * as z from 'zod';
import { booleanFlag, dollars, idList, NONE, optionalId, optionalText, repository, type FlagDefinition } from './flag-schemas';

const siteUrl = z
  .string()
  .trim()
  .refine((v) => v === NONE || v === '' || /^https?:\/\/[^\s/]+(\/\S*)?$/.test(v), 'expected the production site\'s URL (https://example.com) or "none"')
  .transform((v) => (v === NONE || v === '' ? undefined : v));

const hostList = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '' || v === NONE) return [] as string[];
    const hosts = v.split(',').map((s) => s.trim().toLowerCase().replace(/^\*?\./, '')).filter((s) => s.length > 0);
    if (!hosts.every((h) => /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(h))) {
      ctx.addIssue({ code: 'custom', message: 'expected comma-separated host names or suffixes (preview.example.com, example.dev) or "none"' });
      return z.NEVER;
    }
    return hosts;
  });

/** The platform's own flags; each agent's flags are declared in its folder (its profile's `flags`). */
export const PLATFORM_FLAGS = {
  'llm-provider': {
    schema: z.enum(['openai', 'anthropic']),
    description: 'Which LLM provider parses plain-language requests: openai or anthropic.',
    defaults: { dev: 'openai', prod: 'openai' },
  },
  'llm-model': {
    schema: optionalText,
    description: 'Model id for the provider, or "default" for the small, cheap default model.',
    defaults: { dev: 'default', prod: 'default' },
  },
  'max-daily-llm-cost-usd': {
    schema: dollars,
    description: 'Hard limit on LLM spend per UTC day, in US dollars.',
    defaults: { dev: '10', prod: '10' },
  },
  'enable-debug-cmd': {
    schema: booleanFlag,
    description: 'Offer /debug-last (the caller\'s last task with its trace, ephemeral).',
    defaults: { dev: 'true', prod: 'false' },
  },
  'enable-alerts': {
    schema: booleanFlag,
    description: 'Post CloudWatch alarm notifications to the alert channel.',
    defaults: { dev: 'true', prod: 'true' },
  },
  'alert-channel-id': {
    schema: optionalId,
    description: 'Discord channel id that receives alarm notifications, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
  'admin-user-ids': {
    schema: idList,
    description: 'Comma-separated Discord user ids of people who hold the admin role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'admin-role-ids': {
    schema: idList,
    description: 'Comma-separated Discord role ids whose members hold the admin role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'pm-user-ids': {
    schema: idList,
    description: 'Comma-separated Discord user ids of people who hold the pm role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'pm-role-ids': {
    schema: idList,
    description: 'Comma-separated Discord role ids whose members hold the pm role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'developer-user-ids': {
    schema: idList,
    description: 'Comma-separated Discord user ids of people who hold the developer role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'developer-role-ids': {
    schema: idList,
    description: 'Comma-separated Discord role ids whose members hold the developer role, or "none" (each agent declares what a role may do; see /agents).',
    defaults: { dev: NONE, prod: NONE },
  },
  'require-second-approver': {
    schema: booleanFlag,
    description: 'A requester cannot confirm their own request: someone else who may confirm must (true).',
    defaults: { dev: 'false', prod: 'true' },
  },
  'site-repository': {
    schema: repository,
    description: 'Website repository the UX Agent edits, as owner/name (GitHub App), or "local".',
    defaults: { dev: NONE, prod: NONE },
  },
  'site-url': {
    schema: siteUrl,
    description: 'The production site (https://…), shot as "before" against each preview deployment, or "none".',
    defaults: { dev: NONE, prod: NONE },
  },
  'preview-hosts': {
    schema: hostList,
    description: 'More hosts whose deployments may be screenshotted, as comma-separated host suffixes (previews.example.com), or "none" (besides *.vercel.app, *.netlify.app, *.pages.dev, *.amplifyapp.com and the host of site-url).',
    defaults: { dev: NONE, prod: NONE },
  },
} as const satisfies Record<string, FlagDefinition>;

export type PlatformFlagName = keyof typeof PLATFORM_FLAGS;
/** The platform's flags as read: what code below the agents (roles, the LLM layer) may rely on. */
export type PlatformFlagValues = { [K in PlatformFlagName]: z.output<(typeof PLATFORM_FLAGS)[K]['schema']> };
