import * as z from 'zod';

/**
 * The site map says, for one website repository, which sections exist, which file each
 * property lives in and how it is edited. The default map below describes `examples/site`;
 * a repository may carry its own at `.valine/ux-map.json` (see docs/ux-agent.md).
 */
export const SITE_MAP_PATH = '.valine/ux-map.json';
export const DEFAULT_MARKER_ATTRIBUTE = 'data-ux';
export const DEFAULT_TEXT_MAX_LENGTH = 200;

const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a lower-case name such as "header" or "cta-text" (letters, digits, dashes)');
const repoPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), 'expected a path relative to the repository root, such as "src/components/Header.tsx"')
  .refine((p) => !/^\.(git|github|valine)\//.test(p), 'the UX Agent does not edit files under .git/, .github/ or .valine/');
const aliases = z.array(z.string().trim().toLowerCase().min(1)).optional();
const description = z.string().optional();

/** The text of the JSX element carrying `<markerAttribute>="<marker>"`, e.g. `<h1 data-ux="header-text">`. */
const jsxTextProperty = z.object({
  edit: z.literal('jsx-text'),
  file: repoPath,
  marker: z.string().regex(/^[\w-]+$/, 'expected a marker value such as "header-text"'),
  maxLength: z.number().int().min(1).max(1000).optional(),
  aliases,
  description,
});
/** A CSS custom property holding a colour, e.g. `--header-color: #1f2937;` in a .css file. */
const cssColorProperty = z.object({
  edit: z.literal('css-variable'),
  file: repoPath.refine((p) => p.endsWith('.css'), 'expected a .css file'),
  variable: z.string().regex(/^--[\w-]+$/, 'expected a CSS custom property name such as "--header-color"'),
  aliases,
  description,
});
/** An array literal of `{ label, href }` objects bound to a variable, e.g. `const headerLinks = [...]`. */
const linksArrayProperty = z.object({
  edit: z.literal('links-array'),
  file: repoPath,
  variable: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'expected a JavaScript variable name such as "headerLinks"'),
  aliases,
  description,
});

export const propertySpecSchema = z.discriminatedUnion('edit', [jsxTextProperty, cssColorProperty, linksArrayProperty]);

const sectionSpecSchema = z
  .object({
    description,
    aliases,
    properties: z.record(name, propertySpecSchema).refine((p) => Object.keys(p).length > 0, 'expected at least one property'),
  })
  .refine((s) => Object.values(s.properties).filter((p) => p.edit === 'links-array').length <= 1, 'a section may have at most one links-array property');

export const siteMapSchema = z.object({
  version: z.literal(1),
  markerAttribute: z.string().regex(/^[\w-]+$/).default(DEFAULT_MARKER_ATTRIBUTE),
  sections: z.record(name, sectionSpecSchema).refine((s) => Object.keys(s).length > 0, 'expected at least one section'),
});

/** What kind of value a property takes, derived from how it is edited. */
export type PropertyKind = 'text' | 'color' | 'links';

/**
 * A property found by discovery rather than written in a map: where it lives is in the
 * discovered site model (one or several places), not in the spec.
 */
export interface DiscoveredPropertySpec {
  edit: 'discovered';
  kind: PropertyKind;
  aliases?: string[];
  description?: string;
  maxLength?: number;
  /** What the property holds now, as a person reads it (the first places found), for messages and the LLM. */
  current?: string[];
}

export type MapPropertySpec = z.output<typeof propertySpecSchema>;
/** A site map as written in `.valine/ux-map.json` (only map properties). */
export type WrittenSiteMap = z.output<typeof siteMapSchema>;
export type PropertySpec = MapPropertySpec | DiscoveredPropertySpec;
export type SectionSpec = Omit<z.output<typeof sectionSpecSchema>, 'properties'> & { properties: Record<string, PropertySpec> };
/** The vocabulary of a site: its sections and properties, from `.valine/ux-map.json`, from discovery, or both. */
export type SiteMap = Omit<z.output<typeof siteMapSchema>, 'sections'> & { sections: Record<string, SectionSpec> };

export function propertyKind(spec: PropertySpec): PropertyKind {
  switch (spec.edit) {
    case 'jsx-text':
      return 'text';
    case 'css-variable':
      return 'color';
    case 'links-array':
      return 'links';
    case 'discovered':
      return spec.kind;
  }
}

/** The longest text a property accepts. */
export function textMaxLength(spec: PropertySpec): number {
  return (spec.edit === 'jsx-text' || spec.edit === 'discovered' ? spec.maxLength : undefined) ?? DEFAULT_TEXT_MAX_LENGTH;
}

/** A section's own property of that name (never one inherited from Object.prototype, such as `constructor`). */
export function ownProperty<T>(record: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

export type SiteMapParse = { ok: true; siteMap: WrittenSiteMap } | { ok: false; message: string };

function explainIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return `the name is not valid: ${issue.issues[0]?.message ?? 'expected a lower-case name'}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is missing (${issue.message.replace(/, received undefined$/, '').replace(/^Invalid input: /, '')})`;
  return issue.message.replace(/^Invalid input: /, '');
}

/** Parses a site map from JSON text; the failure message names each wrong field and what it expects. */
export function parseSiteMap(jsonText: string, source: string = SITE_MAP_PATH): SiteMapParse {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    return { ok: false, message: `The site map ${source} is not valid JSON (${(error as Error).message}). See docs/ux-agent.md for the format.` };
  }
  const result = siteMapSchema.safeParse(raw);
  if (result.success) return { ok: true, siteMap: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const at = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `\`${at}\`: ${explainIssue(issue)}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  return { ok: false, message: `The site map ${source} is invalid: ${problems.join('; ')}${more}. See docs/ux-agent.md for the format.` };
}

/** The map of the sample React site in `examples/site`. */
export const DEFAULT_SITE_MAP: WrittenSiteMap = siteMapSchema.parse({
  version: 1,
  markerAttribute: DEFAULT_MARKER_ATTRIBUTE,
  sections: {
    header: {
      description: 'The page header with the site title and its links.',
      aliases: ['page header', 'masthead', 'banner'],
      properties: {
        text: { edit: 'jsx-text', file: 'src/components/Header.tsx', marker: 'header-text', aliases: ['title', 'heading', 'wording', 'copy'] },
        color: { edit: 'css-variable', file: 'src/components/Header.css', variable: '--header-color', aliases: ['colour', 'background', 'background color', 'background colour'] },
        links: { edit: 'links-array', file: 'src/components/Header.tsx', variable: 'headerLinks', aliases: ['link', 'menu'] },
      },
    },
    footer: {
      description: 'The page footer with the copyright line.',
      aliases: ['page footer', 'bottom', 'copyright'],
      properties: {
        text: { edit: 'jsx-text', file: 'src/components/Footer.tsx', marker: 'footer-text', aliases: ['wording', 'copy', 'copyright', 'line'] },
        color: { edit: 'css-variable', file: 'src/components/Footer.css', variable: '--footer-color', aliases: ['colour', 'background', 'background color', 'background colour'] },
      },
    },
    navbar: {
      description: 'The navigation bar with the brand and the main links.',
      aliases: ['nav', 'nav bar', 'navigation', 'navigation bar', 'top bar', 'topbar', 'menu bar'],
      properties: {
        text: { edit: 'jsx-text', file: 'src/components/NavBar.tsx', marker: 'navbar-text', aliases: ['tagline', 'wording', 'copy'] },
        color: { edit: 'css-variable', file: 'src/components/NavBar.css', variable: '--navbar-color', aliases: ['colour', 'background', 'background color', 'background colour'] },
        links: { edit: 'links-array', file: 'src/components/NavBar.tsx', variable: 'navLinks', aliases: ['link', 'menu', 'menu items'] },
        brand: { edit: 'jsx-text', file: 'src/components/NavBar.tsx', marker: 'navbar-brand', maxLength: 60, aliases: ['brand name', 'logo', 'logo text', 'site name', 'name'] },
      },
    },
    home: {
      description: 'The home page: hero headline, description and call-to-action button.',
      aliases: ['home page', 'homepage', 'landing page', 'landing', 'hero', 'front page'],
      properties: {
        'hero-text': { edit: 'jsx-text', file: 'src/pages/Home.tsx', marker: 'home-hero-text', aliases: ['hero', 'headline', 'hero headline', 'hero title', 'title', 'heading'] },
        description: { edit: 'jsx-text', file: 'src/pages/Home.tsx', marker: 'home-description', maxLength: 500, aliases: ['intro', 'subtitle', 'blurb', 'paragraph', 'tagline'] },
        'cta-text': { edit: 'jsx-text', file: 'src/pages/Home.tsx', marker: 'home-cta-text', maxLength: 40, aliases: ['cta', 'call to action', 'button', 'button text', 'cta button'] },
      },
    },
  },
});
