import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parse as parseYaml } from 'yaml';
import type { ProposalOutcome } from '../../../../lambda/core/domain/agent';
import { fixtureDir } from '../../../support/fixture-sites';
import { changedLines, picked, seedFixtureRepo, seedSiteFromFiles, shown, type FixtureRepo } from '../../../support/ux-fixture-repo';

/**
 * Texts of every page that live in data rather than in markup: prices and FAQ answers kept in
 * arrays a page renders with `.map()`, `v-for` or `{#each}`, prices kept as numbers, YAML values
 * written over several lines, TOML strings in single quotes, prices beside a badge or a `/month`,
 * and a quoted text that several pages show. Each request goes through the real agent on a small
 * site written here and a real git repository; what is judged is what a person would see: the
 * committed lines, the question asked, the sentence of a refusal.
 */
type Site = Awaited<ReturnType<typeof seedSiteFromFiles>>;

async function committed(repo: FixtureRepo, outcome: ProposalOutcome, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
  const branch = await repo.confirm(outcome);
  const after = repo.git('show', `${branch}:${path}`);
  const files = repo.git('diff', '--name-only', `main..${branch}`).trim().split('\n');
  return { lines: changedLines(repo.original(path), after), after, files };
}

async function commit(repo: FixtureRepo, description: string, path: string): Promise<{ lines: ReturnType<typeof changedLines>; after: string; files: string[] }> {
  return committed(repo, await repo.propose({ description }), path);
}

/** One pattern of keeping plans and FAQs in code, on one stack: the file holding the arrays and the lines each request must change. */
interface ArraySite {
  stack: string;
  files: Record<string, string>;
  file: string;
  price: { removed: string; added: string };
  answer: { removed: string; added: string };
  feature: { removed: string; added: string };
}

const SVELTEKIT: ArraySite = {
  stack: 'SvelteKit: arrays in the page script, {#each}',
  files: {
    'package.json': '{ "devDependencies": { "@sveltejs/kit": "^2.15.1", "svelte": "^5.16.0" } }\n',
    'src/routes/+layout.svelte': '<script>\n\tlet { children } = $props();\n</script>\n\n<header><a href="/">Northwind</a><nav><a href="/pricing">Pricing</a> <a href="/about">About</a></nav></header>\n{@render children()}\n<footer><p>© 2026 Northwind</p></footer>\n',
    'src/routes/+page.svelte': '<section class="hero"><h1>Release notes people read</h1></section>\n',
    'src/routes/pricing/+page.svelte': [
      '<script lang="ts">',
      '\tconst plans = [',
      "\t\t{ name: 'Starter', price: '$0', features: ['1 project', 'Community support'] },",
      "\t\t{ name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] }",
      '\t];',
      '\tconst faqs = [',
      "\t\t{ question: 'Can I change plans later?', answer: 'Yes, at any time.' },",
      "\t\t{ question: 'Do you offer refunds?', answer: 'Yes, within 30 days of a payment.' }",
      '\t];',
      '</script>',
      '',
      '<h1>Pricing</h1>',
      '{#each plans as plan}',
      '\t<div><h2>{plan.name}</h2><p>{plan.price}<span>/month</span></p>',
      '\t<ul>{#each plan.features as feature}<li>{feature}</li>{/each}</ul></div>',
      '{/each}',
      '{#each faqs as faq}',
      '\t<details><summary>{faq.question}</summary><p>{faq.answer}</p></details>',
      '{/each}',
      '',
    ].join('\n'),
  },
  file: 'src/routes/pricing/+page.svelte',
  price: { removed: "\t\t{ name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] }", added: "\t\t{ name: 'Pro', price: '$29', features: ['Unlimited projects', 'Priority support'] }" },
  answer: { removed: "\t\t{ question: 'Do you offer refunds?', answer: 'Yes, within 30 days of a payment.' }", added: "\t\t{ question: 'Do you offer refunds?', answer: 'Yes, within 60 days.' }" },
  feature: { removed: "\t\t{ name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] }", added: "\t\t{ name: 'Pro', price: '$19', features: ['Unlimited repositories', 'Priority support'] }" },
};

const NEXT: ArraySite = {
  stack: 'Next.js: plans inside the component, FAQs imported from a module, .map()',
  files: {
    'package.json': '{ "dependencies": { "next": "15", "react": "19" } }\n',
    'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>\n        <header><a href="/">Acme</a><nav><a href="/pricing">Pricing</a><a href="/about">About</a></nav></header>\n        {children}\n      </body>\n    </html>\n  );\n}\n',
    'app/page.tsx': 'export default function Home() {\n  return <section className="hero"><h1>Ship faster</h1></section>;\n}\n',
    'lib/faq.ts': [
      'export const faqs = [',
      '  { q: "Can I change plans later?", a: "Yes, at any time." },',
      '  { q: "Do you offer refunds?", a: "Yes, within 30 days of a payment." },',
      '];',
      '',
    ].join('\n'),
    'app/pricing/page.tsx': [
      'import { faqs } from "@/lib/faq";',
      '',
      'export default function Pricing() {',
      '  const tiers = [',
      '    { title: "Starter", cost: "$0", perks: ["1 project", "Community support"] },',
      '    { title: "Pro", cost: "$19", perks: ["Unlimited projects", "Priority support"] },',
      '  ];',
      '  return (',
      '    <main>',
      '      {tiers.map((tier) => (',
      '        <div key={tier.title}>',
      '          <h3>{tier.title}</h3>',
      '          <p>{tier.cost}<span>/month</span></p>',
      '          <ul>{tier.perks.map((perk) => <li key={perk}>{perk}</li>)}</ul>',
      '        </div>',
      '      ))}',
      '      <dl>{faqs.map((item) => <div key={item.q}><dt>{item.q}</dt><dd>{item.a}</dd></div>)}</dl>',
      '    </main>',
      '  );',
      '}',
      '',
    ].join('\n'),
  },
  file: 'app/pricing/page.tsx',
  price: { removed: '    { title: "Pro", cost: "$19", perks: ["Unlimited projects", "Priority support"] },', added: '    { title: "Pro", cost: "$29", perks: ["Unlimited projects", "Priority support"] },' },
  answer: { removed: '  { q: "Do you offer refunds?", a: "Yes, within 30 days of a payment." },', added: '  { q: "Do you offer refunds?", a: "Yes, within 60 days." },' },
  feature: { removed: '    { title: "Pro", cost: "$19", perks: ["Unlimited projects", "Priority support"] },', added: '    { title: "Pro", cost: "$19", perks: ["Unlimited repositories", "Priority support"] },' },
};

const NUXT: ArraySite = {
  stack: 'Nuxt: arrays in <script setup>, v-for',
  files: {
    'package.json': '{ "dependencies": { "nuxt": "^3.15.4", "vue": "^3.5.13" } }\n',
    'app.vue': '<template>\n  <div>\n    <header><NuxtLink to="/">Brewlog</NuxtLink><nav><NuxtLink to="/pricing">Pricing</NuxtLink> <NuxtLink to="/about">About</NuxtLink></nav></header>\n    <NuxtPage />\n  </div>\n</template>\n',
    'pages/index.vue': '<template>\n  <section class="hero"><h1>Good coffee</h1></section>\n</template>\n',
    'pages/pricing.vue': [
      '<script setup lang="ts">',
      'const plans = [',
      "  { name: 'Starter', price: '$0', features: ['1 project', 'Community support'] },",
      "  { name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] },",
      '];',
      'const faqs = [',
      "  { question: 'Can I change plans later?', answer: 'Yes, at any time.' },",
      "  { question: 'Do you offer refunds?', answer: 'Yes, within 30 days of a payment.' },",
      '];',
      '</script>',
      '',
      '<template>',
      '  <div>',
      '    <div v-for="plan in plans" :key="plan.name">',
      '      <h2>{{ plan.name }}</h2>',
      '      <p>{{ plan.price }}<span>/month</span></p>',
      '      <ul><li v-for="feature in plan.features" :key="feature">{{ feature }}</li></ul>',
      '    </div>',
      '    <details v-for="faq in faqs" :key="faq.question"><summary>{{ faq.question }}</summary><p>{{ faq.answer }}</p></details>',
      '  </div>',
      '</template>',
      '',
    ].join('\n'),
  },
  file: 'pages/pricing.vue',
  price: { removed: "  { name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] },", added: "  { name: 'Pro', price: '$29', features: ['Unlimited projects', 'Priority support'] }," },
  answer: { removed: "  { question: 'Do you offer refunds?', answer: 'Yes, within 30 days of a payment.' },", added: "  { question: 'Do you offer refunds?', answer: 'Yes, within 60 days.' }," },
  feature: { removed: "  { name: 'Pro', price: '$19', features: ['Unlimited projects', 'Priority support'] },", added: "  { name: 'Pro', price: '$19', features: ['Unlimited repositories', 'Priority support'] }," },
};

const ASTRO: ArraySite = {
  stack: 'Astro: arrays in the front matter, .map() in the template',
  files: {
    'package.json': '{ "dependencies": { "astro": "^5.4.2" } }\n',
    'src/layouts/Layout.astro': '---\n---\n<html><body><header><a href="/">Orbit</a><nav><a href="/pricing">Pricing</a> <a href="/about">About</a></nav></header><slot /></body></html>\n',
    'src/pages/index.astro': "---\nimport Layout from '../layouts/Layout.astro';\n---\n<Layout><section class=\"hero\"><h1>Analytics without the guilt</h1></section></Layout>\n",
    'src/pages/pricing.astro': [
      '---',
      "import Layout from '../layouts/Layout.astro';",
      'const plans = [',
      '  { name: "Starter", price: "$0", features: ["1 project", "Community support"] },',
      '  { name: "Pro", price: "$19", features: ["Unlimited projects", "Priority support"] },',
      '];',
      'const faqs = [',
      '  { question: "Can I change plans later?", answer: "Yes, at any time." },',
      '  { question: "Do you offer refunds?", answer: "Yes, within 30 days of a payment." },',
      '];',
      '---',
      '<Layout>',
      '  {plans.map((plan) => (',
      '    <div><h2>{plan.name}</h2><p>{plan.price}<span>/month</span></p><ul>{plan.features.map((f) => <li>{f}</li>)}</ul></div>',
      '  ))}',
      '  {faqs.map(({ question, answer }) => <details><summary>{question}</summary><p>{answer}</p></details>)}',
      '</Layout>',
      '',
    ].join('\n'),
  },
  file: 'src/pages/pricing.astro',
  price: { removed: '  { name: "Pro", price: "$19", features: ["Unlimited projects", "Priority support"] },', added: '  { name: "Pro", price: "$29", features: ["Unlimited projects", "Priority support"] },' },
  answer: { removed: '  { question: "Do you offer refunds?", answer: "Yes, within 30 days of a payment." },', added: '  { question: "Do you offer refunds?", answer: "Yes, within 60 days." },' },
  feature: { removed: '  { name: "Pro", price: "$19", features: ["Unlimited projects", "Priority support"] },', added: '  { name: "Pro", price: "$19", features: ["Unlimited repositories", "Priority support"] },' },
};

describe.each([SVELTEKIT, NEXT, NUXT, ASTRO])('plans and FAQs kept in arrays a page renders ($stack)', (pattern) => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles(pattern.files);
  });
  afterAll(() => site.cleanup());

  it("changes the Pro plan's price in the array, in the file's own quoting", async () => {
    const { lines, files } = await commit(site.repo, 'change the Pro plan price to $29', pattern.file);
    expect(files).toEqual([pattern.file]);
    expect(lines).toEqual({ removed: [pattern.price.removed], added: [pattern.price.added] });
  });

  it('changes the FAQ answer named by its topic', async () => {
    const outcome = await site.repo.propose({ description: 'change the FAQ answer about refunds to "Yes, within 60 days."' });
    if (outcome.kind !== 'proposal') throw new Error(`expected a proposal, got ${outcome.kind}: ${shown(outcome)}`);
    const file = (outcome.proposal as { files: Array<{ path: string }> }).files[0].path;
    const { lines } = await committed(site.repo, outcome, file);
    expect(lines).toEqual({ removed: [pattern.answer.removed], added: [pattern.answer.added] });
  });

  it('changes the FAQ answer named by its quoted question', async () => {
    const outcome = await site.repo.propose({ description: 'in the FAQ, change the answer to "Do you offer refunds?" to "Yes, within 60 days."' });
    expect(outcome.kind).toBe('proposal');
  });

  it('changes a quoted text of the array on the page named', async () => {
    const { lines } = await commit(site.repo, 'on the pricing page, change "Unlimited projects" to "Unlimited repositories"', pattern.file);
    expect(lines).toEqual({ removed: [pattern.feature.removed], added: [pattern.feature.added] });
  });

  it('quotes the price as the page shows it, before its "/month"', async () => {
    const { lines } = await commit(site.repo, 'on the pricing page, change "$19" to "$29"', pattern.file);
    expect(lines).toEqual({ removed: [pattern.price.removed], added: [pattern.price.added] });
  });
});

describe('plans handed to a component as a prop, which renders them', () => {
  it.each([
    [
      'React: <PlanGrid plans={plans} />',
      {
        'package.json': '{ "dependencies": { "next": "15", "react": "19" } }\n',
        'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body><header><a href="/">Acme</a></header>{children}</body></html>;\n}\n',
        'app/page.tsx': 'export default function Home() {\n  return <section className="hero"><h1>Ship faster</h1></section>;\n}\n',
        'components/PlanGrid.tsx': 'export function PlanGrid({ plans }: { plans: Array<{ name: string; price: string }> }) {\n  return <div>{plans.map((p) => <div key={p.name}><h3>{p.name}</h3><p>{p.price}</p></div>)}</div>;\n}\n',
        'app/pricing/page.tsx': "import { PlanGrid } from '@/components/PlanGrid';\n\nconst plans = [\n  { name: 'Solo', price: '$9' },\n  { name: 'Team', price: '$49' },\n];\n\nexport default function Pricing() {\n  return <main><PlanGrid plans={plans} /></main>;\n}\n",
      },
      'app/pricing/page.tsx',
      { removed: ["  { name: 'Team', price: '$49' },"], added: ["  { name: 'Team', price: '$59' },"] },
    ],
    [
      'Vue: <PricingTable :plans="plans" />',
      {
        'package.json': '{ "dependencies": { "nuxt": "^3.15.4", "vue": "^3.5.13" } }\n',
        'app.vue': '<template>\n  <div>\n    <header><NuxtLink to="/">Brewlog</NuxtLink></header>\n    <NuxtPage />\n  </div>\n</template>\n',
        'pages/index.vue': '<template>\n  <section class="hero"><h1>Good coffee</h1></section>\n</template>\n',
        'components/PricingTable.vue': '<script setup lang="ts">\ndefineProps<{ plans: Array<{ name: string; price: string }> }>();\n</script>\n\n<template>\n  <div><div v-for="plan in plans" :key="plan.name"><h3>{{ plan.name }}</h3><p>{{ plan.price }}</p></div></div>\n</template>\n',
        'pages/pricing.vue': "<script setup lang=\"ts\">\nconst plans = [\n  { name: 'Solo', price: '$9' },\n  { name: 'Team', price: '$49' },\n];\n</script>\n\n<template>\n  <main><PricingTable :plans=\"plans\" /></main>\n</template>\n",
      },
      'pages/pricing.vue',
      { removed: ["  { name: 'Team', price: '$49' },"], added: ["  { name: 'Team', price: '$59' },"] },
    ],
  ] as const)('%s', async (_name, files, file, lines) => {
    const site = await seedSiteFromFiles({ ...files });
    try {
      const changed = await commit(site.repo, 'change the Team plan price to $59', file);
      expect(changed.lines).toEqual({ removed: [...lines.removed], added: [...lines.added] });
    } finally {
      site.cleanup();
    }
  });
});

describe('an FAQ answer named by a topic several questions share', () => {
  it('asks which question, naming each, and refuses a topic no question has', async () => {
    const files = { ...SVELTEKIT.files };
    files['src/routes/pricing/+page.svelte'] = files['src/routes/pricing/+page.svelte'].replace("'Can I change plans later?'", "'How do refunds work for annual plans?'");
    const site = await seedSiteFromFiles(files);
    try {
      const outcome = await site.repo.propose({ description: 'change the FAQ answer about refunds to "Yes, within 60 days."' });
      expect(outcome.kind).toBe('choice');
      expect(shown(outcome)).toContain('How do refunds work for annual plans?');
      expect(shown(outcome)).toContain('Do you offer refunds?');
      const none = await site.repo.propose({ description: 'change the FAQ answer about shipping to "We ship worldwide."' });
      expect(none.kind).toBe('rejected');
      expect(shown(none)).toMatch(/I found no question about `shipping` on the site .*Questions I found: "How do refunds work for annual plans\?" or "Do you offer refunds\?"/);
    } finally {
      site.cleanup();
    }
  });
});

describe('a price kept as a number (Decap number widget, YAML/TOML/JSON)', () => {
  let repo: FixtureRepo;
  beforeAll(async () => {
    repo = await seedFixtureRepo(fixtureDir('gatsby-decap'));
  });
  afterAll(() => repo.remove());

  it('writes bare digits into the front matter number (gatsby-decap)', async () => {
    const { lines, after } = await commit(repo, 'change the Household plan price to £25', 'src/pages/products/index.md');
    expect(lines).toEqual({ removed: ['      price: 22'], added: ['      price: 25'] });
    const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(after)?.[1] ?? '') as { pricing: { plans: Array<{ price: unknown }> } };
    expect(front.pricing.plans[1].price).toBe(25);
  });

  it('refuses a value that is not a number with a sentence, not an unexpected error', async () => {
    const outcome = await repo.propose({ description: 'on the products page, change "22" to "twenty-two"' });
    expect(outcome.kind).toBe('rejected');
    expect(shown(outcome)).toMatch(/keeps this price as a number.*`twenty-two` is not a number/);
    expect(shown(outcome)).not.toMatch(/unexpected error/);
  });

  it('finds numbers in TOML and JSON data too', async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "astro": "^5.4.2" } }\n',
      'src/pages/index.astro': '---\nimport plans from "../data/plans.json";\n---\n<html><body><header><a href="/">Orbit</a></header><h1>Plans</h1>{plans.map((p) => <div><h2>{p.name}</h2><p>${p.monthly}</p></div>)}</body></html>\n',
      'src/data/plans.json': '[\n  { "name": "Solo", "monthly": 9 },\n  { "name": "Team", "monthly": 49 }\n]\n',
    });
    try {
      const { lines } = await commit(site.repo, 'the Team plan now costs $59 a month', 'src/data/plans.json');
      expect(lines).toEqual({ removed: ['  { "name": "Team", "monthly": 49 }'], added: ['  { "name": "Team", "monthly": 59 }'] });
    } finally {
      site.cleanup();
    }
    const hugo = await seedSiteFromFiles({
      'hugo.toml': "baseURL = 'https://example.org/'\ntitle = 'Mara Studio'\n",
      'layouts/_default/baseof.html': '<!doctype html><html><head><title>{{ .Site.Title }}</title></head><body><header><a href="/">{{ .Site.Title }}</a></header>{{ block "main" . }}{{ end }}</body></html>\n',
      'layouts/index.html': '{{ define "main" }}<h1>Prints</h1>{{ range .Site.Data.plans.plan }}<div><h2>{{ .name }}</h2><p>€{{ .price }}</p></div>{{ end }}{{ end }}\n',
      'content/_index.md': '---\ntitle: Home\n---\n',
      'data/plans.toml': "[[plan]]\nname = 'Small Print'\nprice = 40\n\n[[plan]]\nname = 'Large Print'\nprice = 90\n",
    });
    try {
      const { lines, after } = await commit(hugo.repo, 'change the Large Print plan price to €95', 'data/plans.toml');
      expect(lines).toEqual({ removed: ['price = 90'], added: ['price = 95'] });
      expect((getStaticTOMLValue(parseTOML(after)) as { plan: Array<{ price: unknown }> }).plan[1].price).toBe(95);
    } finally {
      hugo.cleanup();
    }
  });
});

describe('YAML values written over several lines', () => {
  it("changes jekyll's folded `description: >-`, keeping its header comment, and the file reads back the new value", async () => {
    const repo = await seedFixtureRepo(fixtureDir('jekyll-site'));
    try {
      const { lines, after } = await commit(repo, 'change the site\'s meta description to "The shared inbox for small support teams."', '_config.yml');
      expect(lines).toEqual({
        removed: ['  Brightdesk is the shared inbox for small support teams: e-mail, chat', '  and social messages in one place.'],
        added: ['  The shared inbox for small support teams.'],
      });
      expect((parseYaml(after) as { description: string }).description).toBe('The shared inbox for small support teams.');
    } finally {
      repo.remove();
    }
  });

  it("changes Tina's folded `tagline: >-` in a page's blocks, quoted by its words", async () => {
    const repo = await seedFixtureRepo(fixtureDir('tina-next'));
    try {
      const text = 'Lumen keeps every note in one calm place, with search that understands what you meant, even months later, across every team and project you have.';
      const { after } = await commit(repo, `change "Lumen keeps meeting notes, decisions and drafts in one calm place, with search that understands what you meant." to "${text}"`, 'content/pages/home.mdx');
      const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(after)?.[1] ?? '') as { blocks: Array<{ tagline?: string }> };
      expect(front.blocks[0].tagline).toBe(text);
      expect(after).toContain('    tagline: >-\n      Lumen keeps every note');
    } finally {
      repo.remove();
    }
  });

  it('writes a literal block, a folded plain scalar and a quoted one so each reads back exactly', async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "astro": "^5.4.2" } }\n',
      'src/pages/index.astro': '---\nimport data from "../data/home.yaml";\n---\n<html><body><header><a href="/">Orbit</a></header><h1>{data.title}</h1><p>{data.intro}</p><p>{data.note}</p><p>{data.quote}</p></body></html>\n',
      'src/data/home.yaml': ['title: Orbit', 'intro: |', '  Counts what matters', '  and nothing else.', 'note: Cookie-free analytics', '  for small teams.', 'quote: "Simple and', '  honest."', 'after: kept', ''].join('\n'),
    });
    try {
      for (const [from, to, key] of [
        ['Counts what matters and nothing else.', 'Counts visits, not visitors: no cookie banner.', 'intro'],
        ['Cookie-free analytics for small teams.', 'Analytics: private by design', 'note'],
        ['Simple and honest.', "Honest: no cookies, it's #1", 'quote'],
      ] as const) {
        const { after } = await commit(site.repo, `change "${from}" to "${to}"`, 'src/data/home.yaml');
        const data = parseYaml(after) as Record<string, string>;
        expect(data[key]).toBe(to);
        expect(data.after).toBe('kept');
      }
    } finally {
      site.cleanup();
    }
  });
});

describe('a TOML string in single quotes that takes an apostrophe', () => {
  it("becomes a basic string (\"Mara's Studio\"), never an unexpected error", async () => {
    const site = await seedSiteFromFiles({
      'hugo.toml': "baseURL = 'https://example.org/'\nlanguageCode = 'en-us'\ntitle = 'Mara Studio'\n",
      'layouts/_default/baseof.html': '<!doctype html><html><head><title>{{ .Site.Title }}</title></head><body><header><a href="/">{{ .Site.Title }}</a></header>{{ block "main" . }}{{ end }}</body></html>\n',
      'layouts/index.html': '{{ define "main" }}<h1>Prints and posters</h1>{{ end }}\n',
      'content/_index.md': '---\ntitle: Home\n---\n',
    });
    try {
      // The header prints the same setting: asked, and "Everywhere" changes the setting itself.
      const outcome = await site.repo.propose({ description: 'change the site title that shows in Google and in the browser tab to "Mara\'s Studio"' });
      if (outcome.kind !== 'choice') throw new Error(`expected a choice, got ${outcome.kind}: ${shown(outcome)}`);
      const { lines, after } = await committed(site.repo, picked(outcome.candidates[0]), 'hugo.toml');
      expect(lines).toEqual({ removed: ["title = 'Mara Studio'"], added: ['title = "Mara\'s Studio"'] });
      expect((getStaticTOMLValue(parseTOML(after)) as { title: string }).title).toBe("Mara's Studio");
    } finally {
      site.cleanup();
    }
  });
});

describe('an edit that cannot be made while planning', () => {
  it('is answered with its own sentence (a double quote in a JSX attribute), not as an unexpected error', async () => {
    const site = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "next": "15", "react": "19" } }\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body><header><a href="/">Acme</a></header>{children}</body></html>;\n}\n',
      'components/Hero.tsx': 'export function Hero({ title }: { title: string }) {\n  return <section className="hero"><h1>{title}</h1></section>;\n}\n',
      'app/page.tsx': 'import { Hero } from "@/components/Hero";\nexport default function Home() {\n  return <Hero title="Ship faster" />;\n}\n',
    });
    try {
      const outcome = await site.repo.propose({ command: 'section:home hero-text:\'Say "hi"\'' });
      expect(outcome.kind).toBe('rejected');
      expect(shown(outcome)).toMatch(/^A double quote cannot be written inside this attribute of app\/page\.tsx/);
    } finally {
      site.cleanup();
    }
  });
});

describe('prices beside a badge, a "/month", in any alphabet', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "next": "15", "react": "19" } }\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="fr"><body><header><a href="/">Atelier</a></header>{children}</body></html>;\n}\n',
      'app/page.tsx': 'export default function Home() {\n  return <section className="hero"><h1>Des sites calmes</h1></section>;\n}\n',
      'app/pricing/page.tsx': [
        'export default function Pricing() {',
        '  return (',
        '    <div>',
        '      <div><h3>Café</h3><p>$9<span>/month</span></p></div>',
        '      <div><h3>Pro <span className="badge">Popular</span></h3><p>$29<span>/month</span></p></div>',
        '      <div><h3>Équipe</h3><p>$49<span>/month</span></p></div>',
        '    </div>',
        '  );',
        '}',
        '',
      ].join('\n'),
    });
  });
  afterAll(() => site.cleanup());

  it('finds the plan whose heading carries a badge', async () => {
    const { lines } = await commit(site.repo, 'change the Pro plan price to $39', 'app/pricing/page.tsx');
    expect(lines).toEqual({ removed: ['      <div><h3>Pro <span className="badge">Popular</span></h3><p>$29<span>/month</span></p></div>'], added: ['      <div><h3>Pro <span className="badge">Popular</span></h3><p>$39<span>/month</span></p></div>'] });
  });

  it('finds plans named with accents', async () => {
    const cafe = await commit(site.repo, 'change the Café plan price to $12', 'app/pricing/page.tsx');
    expect(cafe.lines.added).toEqual(['      <div><h3>Café</h3><p>$12<span>/month</span></p></div>']);
    const team = await commit(site.repo, 'change the Équipe plan price to $59', 'app/pricing/page.tsx');
    expect(team.lines.added).toEqual(['      <div><h3>Équipe</h3><p>$59<span>/month</span></p></div>']);
  });

  it('finds a quoted price that the page shows before its "/month"', async () => {
    const { lines } = await commit(site.repo, 'on the pricing page, change "$29" to "$39"', 'app/pricing/page.tsx');
    expect(lines.added).toEqual(['      <div><h3>Pro <span className="badge">Popular</span></h3><p>$39<span>/month</span></p></div>']);
  });
});

describe('a quoted text that several pages show', () => {
  let site: Site;
  beforeAll(async () => {
    site = await seedSiteFromFiles({
      'package.json': '{ "dependencies": { "next": "15", "react": "19" } }\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body><header><a href="/">Acme</a><nav><a href="/pricing">Pricing</a><a href="/about">About</a></nav></header>{children}</body></html>;\n}\n',
      'app/page.tsx': 'export default function Home() {\n  return <section className="hero"><h1>Ship faster</h1><a href="/signup" className="btn">Start free trial</a></section>;\n}\n',
      'app/pricing/page.tsx': 'export default function Pricing() {\n  return <main><h1>Pricing</h1><h2>\n    Ship <em>faster</em>\n  </h2><a href="/signup" className="btn">Start free trial</a></main>;\n}\n',
      'app/about/page.tsx': 'export default function About() {\n  return <main><h1>About</h1><p>A small team.</p><a href="/contact" className="btn">Book a call</a></main>;\n}\n',
    });
  });
  afterAll(() => site.cleanup());

  it('asks which place, naming the pages with the home page first, one choice per place and one for all', async () => {
    const outcome = await site.repo.propose({ description: 'change "Start free trial" to "Try it free"' });
    expect(outcome.kind).toBe('choice');
    if (outcome.kind !== 'choice') return;
    expect(shown(outcome)).toMatch(/^The text "Start free trial" is on the home page and the \/pricing page\. Which should change\?/);
    expect(outcome.candidates.map((c) => c.label)).toEqual(['"Start free trial" on the home page', '"Start free trial" on the /pricing page', 'All 2 places']);
    const all = await committed(site.repo, picked(outcome.candidates[2]), 'app/page.tsx');
    expect(all.files.sort()).toEqual(['app/page.tsx', 'app/pricing/page.tsx']);
  });

  it('finds the other page also when its words are broken over lines and formatted there', async () => {
    const outcome = await site.repo.propose({ description: 'change "Ship faster" to "Ship calmly"' });
    expect(outcome.kind).toBe('choice');
    expect(shown(outcome)).toMatch(/^The text "Ship faster" is on the home page and the \/pricing page\./);
  });

  it('changes "the … button" on the home page, where a visitor meets it first, and names the page left unchanged', async () => {
    const outcome = await site.repo.propose({ description: 'change the "Start free trial" button to "Try it free"' });
    expect(shown(outcome)).toContain('The same text is also on the /pricing page; it is unchanged.');
    const { files } = await committed(site.repo, outcome, 'app/page.tsx');
    expect(files).toEqual(['app/page.tsx']);
  });

  it('changes "the … button" on the one page that has it when the home page has none, and says which page', async () => {
    const outcome = await site.repo.propose({ description: 'change the "Book a call" button to "Talk to us"' });
    expect(shown(outcome)).toContain('It is on the /about page, not the home page.');
    const { files } = await committed(site.repo, outcome, 'app/about/page.tsx');
    expect(files).toEqual(['app/about/page.tsx']);
  });

  it('changes the one page named, without asking', async () => {
    const { files } = await commit(site.repo, 'on the pricing page, change "Start free trial" to "Try it free"', 'app/pricing/page.tsx');
    expect(files).toEqual(['app/pricing/page.tsx']);
  });
});

describe('the e-mail preview', () => {
  it('keeps the count of places outside the code span', async () => {
    const site = await seedSiteFromFiles({
      'index.html': '<html><head><title>Lab</title></head><body><header><a href="/">Lab</a></header><h1>Robots</h1></body></html>\n',
      'contact.html': '<html><head><title>Contact</title></head><body><h1>Contact</h1><p>Write to <a href="mailto:lab@example.org">lab@example.org</a></p></body></html>\n',
    });
    try {
      const outcome = await site.repo.propose({ description: 'change the contact email to hello@acme.com' });
      expect(outcome.kind).toBe('proposal');
      expect(shown(outcome)).toContain('`hello@acme.com`');
      expect(shown(outcome)).not.toContain('`hello@acme.com (2 places)`');
      expect(shown(outcome)).toMatch(/written in 2 places/);
    } finally {
      site.cleanup();
    }
  });
});
