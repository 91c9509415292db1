import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SiteRequest } from './real-sites-judge';

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'expected a regular expression');

const requestSchema = z.object({
  id: z.string().min(1),
  options: z.record(z.string(), z.string()),
  file: regexSource.optional(),
  add: z.array(z.string()).optional(),
  drop: z.array(z.string()).optional(),
  lines: z.number().int().positive().optional(),
  ask: z.boolean().optional(),
});

const requestsFileSchema = z.object({
  about: z.string().optional(),
  sites: z.record(z.string(), z.array(requestSchema)),
});

/**
 * Asked of a site that requests.json does not list, judged generically: a committed change whose
 * added lines hold the requested text, in few lines; for the smoke tests a question is right too.
 */
export const GENERIC_REQUESTS: readonly SiteRequest[] = [
  { id: 'hero', options: { description: 'change the hero headline to "Ship faster with Acme"' }, add: ['Ship faster with Acme'], lines: 8 },
  { id: 'footer', options: { description: 'change the footer text to "Made by Acme Inc."' }, add: ['Made by Acme Inc.'], lines: 8 },
  { id: 'nav-color', options: { description: 'make the navbar background dark blue' }, add: ['bg-', '#', 'blue'], lines: 4 },
  { id: 'nav-link', options: { description: 'add a link "Pricing" to /pricing in the navbar' }, add: ['/pricing'], lines: 24 },
  { id: 'smoke-footer', options: { command: 'section:footer text:"Test"' }, add: ['Test'], lines: 6, ask: true },
  { id: 'smoke-header', options: { command: 'section:header text:"Test Deploy"' }, add: ['Test Deploy'], lines: 6, ask: true },
];

export interface SiteUnderTest {
  name: string;
  directory: string;
  requests: readonly SiteRequest[];
  /** true when the requests are GENERIC_REQUESTS, not the folder's requests.json. */
  generic: boolean;
}

export interface SitesFolder {
  folder: string;
  sites: SiteUnderTest[];
  /** Sites requests.json lists that have no folder. */
  missing: string[];
}

/** The sites of a folder (its subfolders) and the requests for each, from its requests.json when it lists the site. */
export function loadSitesFolder(folder: string): SitesFolder {
  const requestsPath = join(folder, 'requests.json');
  let listed: Record<string, SiteRequest[]> = {};
  if (existsSync(requestsPath)) {
    const parsed = requestsFileSchema.safeParse(JSON.parse(readFileSync(requestsPath, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `\`${issue.path.join('.')}\`: ${issue.message}`).join('; ');
      throw new Error(`${requestsPath} is not in the requests.json format: ${problems}.`);
    }
    listed = parsed.data.sites;
  }
  const names = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
  return {
    folder,
    sites: names.map((name) => ({
      name,
      directory: join(folder, name),
      requests: listed[name] ?? GENERIC_REQUESTS,
      generic: listed[name] === undefined,
    })),
    missing: Object.keys(listed).filter((name) => !names.includes(name)),
  };
}
