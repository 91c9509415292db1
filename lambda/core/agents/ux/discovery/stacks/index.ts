import type { Project } from '../project';
import { astro } from './astro';
import { gatsbyMarkdown, tina } from './content-pages';
import { docusaurus } from './docusaurus';
import { hugo } from './hugo';
import { jekyll } from './jekyll';
import { plainHtmlSite } from './plain-html';
import { starlight } from './starlight';
import { nextOrRemix, reactSpa } from './react';
import type { SiteEntry, StackAdapter } from './stack';
import { vitepress } from './vitepress';
import { sveltekit, svelteSpa } from './svelte';
import { nuxt, vueSpa } from './vue';

export type { PageFile, SiteEntry, StackAdapter } from './stack';

/**
 * Every stack the UX Agent reads, asked in this order; the first whose home page is found wins.
 * Adding a stack is one adapter file here, its fixture site under examples/sites, its tests and a
 * row in docs/ux-agent.md.
 */
export const STACKS: readonly StackAdapter[] = [docusaurus, vitepress, starlight, astro, nuxt, vueSpa, sveltekit, svelteSpa, hugo, jekyll, tina, gatsbyMarkdown, nextOrRemix, reactSpa, plainHtmlSite];

/** The site as the first matching stack lays it out. */
export function findSiteEntry(project: Project): SiteEntry | undefined {
  for (const stack of STACKS) {
    if (!stack.detect(project)) continue;
    const before = project.problems.size;
    const found = stack.discover(project);
    if (found) return found;
    // The stack is this one, but a file it needs does not parse: say so rather than read the site as another stack.
    const broken = [...project.problems].slice(before)[0];
    if (broken) {
      const [file, problem] = broken;
      return { framework: stack.name, roots: [], entries: [file], stylesheets: [], problem: `${file} could not be read${problem.line ? ` (line ${problem.line}: ${problem.message})` : ` (${problem.message})`}, so nothing is proposed from this ${stack.name} site; fix the file on the default branch.` };
    }
  }
  return undefined;
}
