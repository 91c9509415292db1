import type { SiteMap } from '../../../../../lambda/core/agents/ux/site-map';
import { DEFAULT_SITE_MAP } from '../../../../../lambda/core/agents/ux/site-map';
import { ANSWER_LIMITS, readAnswer } from '../../../../../lambda/core/agents/ux/llm/answer';

/** A full strict-mode answer: every key present, empty lists and nulls for "none". */
const answer = (fields: Record<string, unknown>) => ({
  kind: 'edit',
  section: null,
  changes: [],
  addLinks: [],
  removeLinks: [],
  renameLinks: [],
  replaceText: null,
  styles: [],
  question: null,
  ...fields,
});

const read = (fields: Record<string, unknown>, siteMap: SiteMap = DEFAULT_SITE_MAP) => readAnswer(answer(fields), siteMap, 'openai');
const question = (reading: ReturnType<typeof read>) => (reading.ok && reading.outcome.kind === 'clarification' ? reading.outcome.question : undefined);

/** A discovered vocabulary: properties found on the page rather than written in a map. */
const discovered: SiteMap = {
  version: 1,
  markerAttribute: 'data-ux',
  sections: {
    hero: {
      aliases: ['top of the page'],
      properties: {
        headline: { edit: 'discovered', kind: 'text', aliases: ['title'], current: ['Ship faster'] },
        'signup-button': { edit: 'discovered', kind: 'text', aliases: ['get started button'], maxLength: 40, current: ['Get Started'] },
        background: { edit: 'discovered', kind: 'color', current: ['bg-slate-900'] },
      },
    },
    nav: { properties: { links: { edit: 'discovered', kind: 'links', current: ['Home', 'Pricing', 'Blog'] } } },
  },
};

describe('reading the new parts of an answer', () => {
  it('maps a replacement of text seen on the page, without a section', () => {
    expect(read({ replaceText: { from: ' Get Started ', to: 'Start free' } })).toEqual({
      ok: true,
      outcome: { kind: 'intent', parser: 'openai', intent: { section: '', changes: [], replaceText: { from: 'Get Started', to: 'Start free' } } },
    });
  });

  it('maps links to remove and rename, trimmed and once each, leaving empty parts out', () => {
    const reading = read({ section: 'nav bar', removeLinks: ['Blog', 'blog', ' /docs '], renameLinks: [{ from: 'About', to: 'Team' }, { from: 'Same', to: 'Same' }] });
    expect(reading).toEqual({
      ok: true,
      outcome: { kind: 'intent', parser: 'openai', intent: { section: 'navbar', changes: [], removeLinks: ['Blog', '/docs'], renameLinks: [{ from: 'About', to: 'Team' }] } },
    });
  });

  it('maps style steps by a property or its other name, together with a text change', () => {
    const reading = read({
      section: 'home',
      changes: [{ property: 'cta', value: 'Start free' }],
      styles: [{ property: 'headline', step: 'bigger' }, { property: 'cta-text', step: 'rounded' }, { property: 'hero-text', step: 'bigger' }],
    });
    expect(reading).toEqual({
      ok: true,
      outcome: {
        kind: 'intent',
        parser: 'openai',
        intent: { section: 'home', changes: [{ property: 'cta-text', value: 'Start free' }], styles: [{ property: 'hero-text', step: 'bigger' }, { property: 'cta-text', step: 'rounded' }] },
      },
    });
  });

  it('reads a discovered vocabulary: its link edits and styles', () => {
    expect(read({ section: 'nav', removeLinks: ['Blog'] }, discovered)).toMatchObject({ ok: true, outcome: { kind: 'intent', intent: { section: 'nav', removeLinks: ['Blog'] } } });
    expect(read({ section: 'top of the page', styles: [{ property: 'get started button', step: 'bolder' }] }, discovered)).toMatchObject({
      ok: true,
      outcome: { kind: 'intent', intent: { section: 'hero', styles: [{ property: 'signup-button', step: 'bolder' }] } },
    });
  });

  it('still reads an answer that leaves the new keys out', () => {
    const reading = readAnswer({ kind: 'edit', section: 'footer', changes: [{ property: 'text', value: '© 2026' }], addLinks: [], question: null }, DEFAULT_SITE_MAP, 'anthropic');
    expect(reading).toEqual({ ok: true, outcome: { kind: 'intent', parser: 'anthropic', intent: { section: 'footer', changes: [{ property: 'text', value: '© 2026' }] } } });
  });
});

describe('names outside the vocabulary become a question', () => {
  it('refuses a style on a property the section does not have, naming the real ones', () => {
    expect(question(read({ section: 'home', styles: [{ property: 'font', step: 'bigger' }] }))).toBe(
      'Unknown property `font` for home. Properties of home: hero-text, description or cta-text. Example: `section:home hero-text:"New hero text"`. What should change instead?',
    );
  });

  it('refuses a style on something that is not text', () => {
    expect(question(read({ section: 'header', styles: [{ property: 'colour', step: 'bolder' }] }))).toBe(
      'Style steps (bigger, smaller, bolder, rounded, square) apply to text, and `color` of the header is a color property. Text properties of header: text. What should change instead?',
    );
  });

  it('refuses link edits in a section without links, naming the sections that have them', () => {
    expect(question(read({ section: 'footer', renameLinks: [{ from: 'Blog', to: 'Articles' }] }))).toBe(
      'The footer has no links to change. Sections with links: header or navbar. Properties of footer: text or color. What should change instead?',
    );
  });

  it.each(['__proto__', 'constructor', 'toString'])('treats %s as an unknown section or property, never as an inherited one', (name) => {
    expect(question(read({ section: name, styles: [{ property: 'text', step: 'bigger' }] }))).toMatch(/^Unknown section `.+`\. .*Sections: header, footer, navbar or home\./);
    expect(question(read({ section: 'header', changes: [{ property: name, value: 'x' }] }))).toMatch(/^Unknown property `.+` for header\./);
    expect(question(read({ section: 'home', styles: [{ property: name, step: 'bolder' }] }))).toMatch(/^Unknown property `.+` for home\./);
  });

  it('asks which section when section-bound parts come without one', () => {
    expect(question(read({ replaceText: { from: 'Get Started', to: 'Go' }, styles: [{ property: 'cta-text', step: 'bigger' }] }))).toBe(
      'Which part of the site should change, and how? Sections: header, footer, navbar or home.',
    );
  });

  it('refuses a replacement that changes nothing or spans lines', () => {
    expect(question(read({ replaceText: { from: 'Pricing', to: 'Pricing' } }))).toBe('The text `Pricing` would be replaced by the same text. What should change instead?');
    expect(question(read({ replaceText: { from: 'Get\nStarted', to: 'Go' } }))).toMatch(/^Text to replace must be given as it appears on the page/);
  });
});

describe('oversized answers are refused', () => {
  const long = (n: number) => 'x'.repeat(n);

  it.each([
    ['a text value', { section: 'home', changes: [{ property: 'description', value: long(ANSWER_LIMITS.text + 1) }] }, 'its changes[0].value is longer than 1000 characters'],
    ['a link label', { section: 'navbar', addLinks: [{ label: long(41), href: '/x' }] }, 'its addLinks[0].label is longer than 40 characters'],
    ['a link target', { section: 'navbar', addLinks: [{ label: 'Docs', href: `/${long(2000)}` }] }, 'its addLinks[0].href is longer than 2000 characters'],
    ['a new link label', { section: 'navbar', renameLinks: [{ from: 'Blog', to: long(41) }] }, 'its renameLinks[0].to is longer than 40 characters'],
    ['a replacement', { replaceText: { from: 'Get Started', to: long(1001) } }, 'its replaceText.to is longer than 1000 characters'],
    ['a section name', { section: long(101) }, 'its section is longer than 100 characters'],
    ['a question', { kind: 'clarification', question: long(1001) }, 'its question is longer than 1000 characters'],
    ['too many links to remove', { section: 'navbar', removeLinks: Array.from({ length: 11 }, (_, i) => `L${i}`) }, 'its removeLinks has more than 10 entries'],
  ])('refuses %s past its limit, saying which', (_name, fields, reason) => {
    expect(read(fields)).toEqual({ ok: false, reason });
  });

  it('refuses a style step that is not one of the steps', () => {
    expect(read({ section: 'home', styles: [{ property: 'hero-text', step: 'sparkly' }] })).toEqual({ ok: false, reason: 'it was not in the expected shape' });
  });

  it('accepts values right at their limits', () => {
    expect(read({ section: 'navbar', addLinks: [{ label: long(40), href: '/docs' }] })).toMatchObject({ ok: true, outcome: { kind: 'intent' } });
    expect(read({ replaceText: { from: 'Get Started', to: long(1000) } })).toMatchObject({ ok: true, outcome: { kind: 'intent' } });
  });
});
