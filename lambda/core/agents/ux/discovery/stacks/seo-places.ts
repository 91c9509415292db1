import { renderHtml } from '../html-tree';
import type { Project } from '../project';
import { exported, objectProperty, unwrap } from '../resolve';
import { headObject, seoInTrees, type SeoPlace } from '../seo';

/** A single-page app's title and description: the `<head>` of its `index.html`. */
export function indexHtmlSeo(project: Project): SeoPlace[] {
  const file = ['index.html', 'public/index.html'].find((f) => project.files.has(f));
  const text = file ? project.text(file) : undefined;
  if (!file || text === undefined) return [];
  const root = renderHtml(text, file, (o) => project.line(file, o), { head: true });
  return root ? seoInTrees(project, [root], undefined) : [];
}

/** Gatsby: `siteMetadata: { title, description }` in `gatsby-config.js`. */
export function gatsbySiteMetadata(project: Project): SeoPlace[] {
  const file = ['gatsby-config.js', 'gatsby-config.ts', 'gatsby-config.mjs'].find((f) => project.files.has(f));
  const config = file ? unwrap(exported(project, file, 'default')?.node) : undefined;
  const metadata = config?.type === 'ObjectExpression' ? unwrap(objectProperty(config, 'siteMetadata')?.value) : undefined;
  return file && metadata?.type === 'ObjectExpression' ? headObject(project, file, metadata, 'siteMetadata') : [];
}

/** Nuxt: `app.head` in `nuxt.config.*` (`title`, `meta: [{ name: 'description', content }]`). */
export function nuxtConfigHead(project: Project): SeoPlace[] {
  const file = ['nuxt.config.ts', 'nuxt.config.js', 'nuxt.config.mjs'].find((f) => project.files.has(f));
  if (!file) return [];
  const ast = project.ast(file);
  for (const statement of ast?.program.body ?? []) {
    if (statement.type !== 'ExportDefaultDeclaration') continue;
    let config = unwrap(statement.declaration as never);
    // `export default defineNuxtConfig({ … })`
    if (config?.type === 'CallExpression' && config.arguments[0]?.type === 'ObjectExpression') config = config.arguments[0];
    if (config?.type !== 'ObjectExpression') continue;
    const app = unwrap(objectProperty(config, 'app')?.value);
    const head = app?.type === 'ObjectExpression' ? unwrap(objectProperty(app, 'head')?.value) : undefined;
    if (head?.type === 'ObjectExpression') return headObject(project, file, head, 'nuxt.config app.head');
  }
  return [];
}
