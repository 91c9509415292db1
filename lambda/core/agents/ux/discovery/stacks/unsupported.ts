import type { Project } from '../project';
import { STACKS } from './index';
import { packageJson } from './stack';

/**
 * A repository no adapter reads: what it looks like, so the refusal names it instead of asking
 * about a home page it never found.
 */
const KNOWN: ReadonlyArray<{ name: string; test: (project: Project, dependencies: Set<string>) => string | undefined }> = [
  { name: 'Angular', test: (p, d) => (p.files.has('angular.json') ? 'angular.json' : d.has('@angular/core') ? '@angular/core in package.json' : undefined) },
  { name: 'Eleventy', test: (p, d) => ['.eleventy.js', 'eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs'].find((f) => p.files.has(f)) ?? (d.has('@11ty/eleventy') ? '@11ty/eleventy in package.json' : undefined) },
  { name: 'Ember', test: (_p, d) => (d.has('ember-source') ? 'ember-source in package.json' : undefined) },
  { name: 'SolidJS', test: (_p, d) => (d.has('solid-js') ? 'solid-js in package.json' : undefined) },
  { name: 'Qwik', test: (_p, d) => (d.has('@builder.io/qwik') ? '@builder.io/qwik in package.json' : undefined) },
  { name: 'Lit', test: (_p, d) => (d.has('lit') ? 'lit in package.json' : undefined) },
  { name: 'WordPress', test: (p) => ['wp-config.php', 'wp-content/themes', 'style.css'].find((f) => (f === 'style.css' ? /Theme Name:/.test(p.text(f) ?? '') : [...p.files.keys()].some((k) => k === f || k.startsWith(`${f}/`)))) },
  { name: 'Laravel', test: (p) => ([...p.files.keys()].some((f) => f.endsWith('.blade.php')) ? 'Blade templates (*.blade.php)' : undefined) },
  { name: 'Ruby on Rails', test: (p) => ([...p.files.keys()].some((f) => /^app\/views\/.*\.erb$/.test(f)) ? 'ERB views in app/views' : undefined) },
  { name: 'Django', test: (p) => (p.files.has('manage.py') ? 'manage.py' : undefined) },
  { name: 'Gatsby', test: (_p, d) => (d.has('gatsby') ? 'gatsby in package.json (its home page was not found)' : undefined) },
];

export const SUPPORTED = 'React, Next.js, Remix, Vite, plain HTML, Astro, Vue and Nuxt, Svelte and SvelteKit, Docusaurus, VitePress, Astro Starlight, Hugo, Jekyll, Gatsby with Markdown pages and TinaCMS';

/** A sentence naming what the repository looks like and what the UX Agent reads, when no stack was found. */
export function unsupportedSite(project: Project): string {
  // A stack that is recognised but whose home page or layouts cannot be read says what it found and what is missing.
  for (const stack of STACKS) {
    const missing = stack.detect(project) ? stack.missingHome?.(project) : undefined;
    if (missing) return `${missing} The UX Agent reads ${SUPPORTED} sites.`;
  }
  const pkg = packageJson(project);
  const dependencies = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  for (const known of KNOWN) {
    const evidence = known.test(project, dependencies);
    if (evidence) return `This looks like ${/^[AEIOU]/.test(known.name) ? 'an' : 'a'} ${known.name} site (${evidence}), which the UX Agent does not read yet; it reads ${SUPPORTED} sites.`;
  }
  const pages = [...project.files.keys()].filter((f) => /\.(?:html?|jsx?|tsx?|vue|svelte|astro|md)$/.test(f)).length;
  return pages === 0
    ? `The repository holds no web pages or components the UX Agent can read (no HTML, JSX, Vue, Svelte, Astro or Markdown files); it reads ${SUPPORTED} sites.`
    : `I found no home page in this repository (no index.html, no pages or routes folder of a framework I know); the UX Agent reads ${SUPPORTED} sites.`;
}
