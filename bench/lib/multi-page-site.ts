/**
 * A generated Astro marketing site of `count` files with many pages (a home page, a pricing page
 * with plans, an FAQ, a contact page, 40 feature and blog pages, components and filler), for
 * measuring what discovery hands the LLM on a large multi-page site. Written here, not copied.
 */
export function multiPageSite(count = 300): Map<string, string> {
  const files = new Map<string, string>();
  files.set('package.json', JSON.stringify({ name: 'acme-site', dependencies: { astro: '^5.0.0', tailwindcss: '^4.0.0' } }, null, 2));
  files.set('astro.config.mjs', "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n");
  files.set('src/styles/global.css', '@import "tailwindcss";\n@theme {\n  --color-brand-500: oklch(0.62 0.19 259);\n  --color-brand-700: oklch(0.49 0.17 262);\n}\n');
  files.set('src/data/nav.ts', "export const navLinks = [\n  { label: 'Features', href: '/features' },\n  { label: 'Pricing', href: '/pricing' },\n  { label: 'Blog', href: '/blog' },\n  { label: 'Contact', href: '/contact' },\n];\n");
  files.set('src/data/faq.json', JSON.stringify([{ question: 'Can I cancel anytime?', answer: 'Yes, from your account page.' }, { question: 'Do you offer refunds?', answer: 'Within 30 days of purchase.' }], null, 2));
  files.set('src/components/Header.astro', "---\nimport { navLinks } from '../data/nav';\n---\n<header class=\"sticky top-0 bg-white/90\">\n  <nav class=\"mx-auto flex max-w-6xl items-center justify-between p-4\">\n    <a href=\"/\" class=\"font-bold\">Acme Cloud</a>\n    <ul class=\"flex gap-6\">\n      {navLinks.map((link) => <li><a href={link.href}>{link.label}</a></li>)}\n    </ul>\n  </nav>\n</header>\n");
  files.set('src/components/Footer.astro', '<footer class="bg-gray-900 text-gray-300">\n  <p>© 2026 Acme Cloud, Inc. All rights reserved.</p>\n</footer>\n');
  files.set('src/layouts/Base.astro', "---\nimport Header from '../components/Header.astro';\nimport Footer from '../components/Footer.astro';\nimport '../styles/global.css';\nconst { title = 'Acme Cloud', description = 'Hosting, previews and analytics in one place.' } = Astro.props;\n---\n<html lang=\"en\">\n  <head>\n    <title>{title}</title>\n    <meta name=\"description\" content={description} />\n  </head>\n  <body>\n    <Header />\n    <main><slot /></main>\n    <Footer />\n  </body>\n</html>\n");
  files.set('src/pages/index.astro', "---\nimport Base from '../layouts/Base.astro';\n---\n<Base>\n  <section class=\"hero\">\n    <h1>Ship your product in days, not months</h1>\n    <p>Acme Cloud gives your team hosting, previews and analytics in one place.</p>\n    <a href=\"/signup\" class=\"rounded bg-brand-500 px-4 py-2 text-white\">Get Started</a>\n  </section>\n</Base>\n");
  files.set('src/pages/pricing.astro', "---\nimport Base from '../layouts/Base.astro';\n---\n<Base title=\"Pricing\">\n  <div class=\"plan\"><h3>Hobby</h3><p>$0/mo</p></div>\n  <div class=\"plan\"><h3>Pro</h3><p>$19/mo</p></div>\n  <div class=\"plan\"><h3>Team</h3><p>$49/mo</p></div>\n</Base>\n");
  files.set('src/pages/contact.astro', "---\nimport Base from '../layouts/Base.astro';\n---\n<Base title=\"Contact\">\n  <h1>Talk to us</h1>\n  <p>Write to <a href=\"mailto:hello@acme.example\">hello@acme.example</a>.</p>\n</Base>\n");
  for (let i = 1; files.size < count; i++) {
    if (i <= 20) files.set(`src/pages/features/feature-${i}.astro`, `---\nimport Base from '../../layouts/Base.astro';\n---\n<Base title="Feature ${i}">\n  <h1>Feature number ${i}</h1>\n  <p>What feature ${i} does for a small team, in two sentences. It saves hours every week.</p>\n</Base>\n`);
    else if (i <= 40) files.set(`src/content/blog/post-${i}.md`, `---\ntitle: Post ${i}\ndescription: Notes from the team, part ${i}.\n---\n# How we shipped part ${i}\n\nSome words about the work.\n`);
    else if (i % 2 === 0) files.set(`src/lib/util-${i}.ts`, `/** Helper ${i}. */\nexport const value${i} = ${i};\n`);
    else files.set(`docs/notes/note-${i}.md`, `# Note ${i}\n\n${'Some words about the site. '.repeat(10)}\n`);
  }
  return files;
}
