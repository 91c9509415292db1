import type { UxIntent } from '../../../../lambda/core/agents/ux/intent';
import { createRulesParser, parsePlainLanguage } from '../../../../lambda/core/agents/ux/rules-parser';
import { DEFAULT_SITE_MAP } from '../../../../lambda/core/agents/ux/site-map';

describe('plain-language rules parser', () => {
  const intents: Array<[string, UxIntent]> = [
    ['make the navbar blue', { section: 'navbar', changes: [{ property: 'color', value: 'blue' }] }],
    ['Make the nav dark blue', { section: 'navbar', changes: [{ property: 'color', value: 'dark blue' }] }],
    ['turn the navigation bar #0af', { section: 'navbar', changes: [{ property: 'color', value: '#0af' }] }],
    ['change the top bar color to navy', { section: 'navbar', changes: [{ property: 'color', value: 'navy' }] }],
    ['set the header colour to #112233', { section: 'header', changes: [{ property: 'color', value: '#112233' }] }],
    ['set the header background to rebecca purple', { section: 'header', changes: [{ property: 'color', value: 'rebecca purple' }] }],
    ['change the footer text to "© 2026 Acme"', { section: 'footer', changes: [{ property: 'text', value: '© 2026 Acme' }] }],
    [
      'change the footer text to "© 2026 Acme" and make it dark gray',
      { section: 'footer', changes: [{ property: 'text', value: '© 2026 Acme' }, { property: 'color', value: 'dark gray' }] },
    ],
    ['rename the brand to Acme Labs', { section: 'navbar', changes: [{ property: 'brand', value: 'Acme Labs' }] }],
    ['Rename the brand to "Acme, and Sons"', { section: 'navbar', changes: [{ property: 'brand', value: 'Acme, and Sons' }] }],
    ['update the header title to Welcome to Acme', { section: 'header', changes: [{ property: 'text', value: 'Welcome to Acme' }] }],
    ['change the hero to "Ship faster"', { section: 'home', changes: [{ property: 'hero-text', value: 'Ship faster' }] }],
    ['set the hero headline to “Build calmly”', { section: 'home', changes: [{ property: 'hero-text', value: 'Build calmly' }] }],
    ['set the cta to "Try it free"', { section: 'home', changes: [{ property: 'cta-text', value: 'Try it free' }] }],
    ['change the home page description to "We build things."', { section: 'home', changes: [{ property: 'description', value: 'We build things.' }] }],
    ["change the footer to 'Made with care'", { section: 'footer', changes: [{ property: 'text', value: 'Made with care' }] }],
    ['add a link "Pricing" to /pricing in the header', { section: 'header', changes: [], addLinks: [{ label: 'Pricing', href: '/pricing' }] }],
    ['add a link to /careers in the navbar', { section: 'navbar', changes: [], addLinks: [{ label: 'Careers', href: '/careers' }] }],
    ['add a menu item called Docs to https://docs.acme.test in the nav', { section: 'navbar', changes: [], addLinks: [{ label: 'Docs', href: 'https://docs.acme.test' }] }],
    ['make the footer say Made in Lyon', { section: 'footer', changes: [{ property: 'text', value: 'Made in Lyon' }] }],
    ['make the header say Welcome to Acme, thanks', { section: 'header', changes: [{ property: 'text', value: 'Welcome to Acme' }] }],
    ['make the footer say Navy Blue Co', { section: 'footer', changes: [{ property: 'text', value: 'Navy Blue Co' }] }],
    ['Make the CTA say "Start now"', { section: 'home', changes: [{ property: 'cta-text', value: 'Start now' }] }],
    ['change the button text to "Go"', { section: 'home', changes: [{ property: 'cta-text', value: 'Go' }] }],
    ['set the navbar tagline to Tools for makers', { section: 'navbar', changes: [{ property: 'text', value: 'Tools for makers' }] }],
    ['header background navy please', { section: 'header', changes: [{ property: 'color', value: 'navy' }] }],
    [
      'rename the brand to Acme Labs and make the navbar navy',
      { section: 'navbar', changes: [{ property: 'brand', value: 'Acme Labs' }, { property: 'color', value: 'navy' }] },
    ],
    ['add a link called Sign in in the header to /login', { section: 'header', changes: [], addLinks: [{ label: 'Sign in', href: '/login' }] }],
    // A link's path or address names no section and no SEO field: "/search" and "google.com" are where the link goes.
    ['add a link "Search" to /search in the header', { section: 'header', changes: [], addLinks: [{ label: 'Search', href: '/search' }] }],
    ['add a link "Google" to https://google.com/search in the header', { section: 'header', changes: [], addLinks: [{ label: 'Google', href: 'https://google.com/search' }] }],
    ['make the header rgb(1,2,3)', { section: 'header', changes: [{ property: 'color', value: 'rgb(1,2,3)' }] }],
    ['make the header #12345', { section: 'header', changes: [{ property: 'color', value: '#12345' }] }],
  ];
  it.each(intents)('%s', async (input, intent) => {
    await expect(createRulesParser().parse(input, DEFAULT_SITE_MAP)).resolves.toEqual({ kind: 'intent', parser: 'rules', intent });
  });

  const questions: Array<[string, RegExp]> = [
    // Only the sections that have a colour are offered for a colour (the sample map's home has texts only).
    ['make it blue', /^Which section should change: header, footer or navbar\?/],
    ['make the fotter say "Hi"', /^Did you mean the footer \(you wrote `fotter`\)\? Ask again naming one of header, footer, navbar or home, e\.g\. `make the footer say "Hi"`/],
    ['change the header', /^What should change in the header: text, color or a new link\?/],
    ['change the header and the footer to blue', /mentions the header and the footer.*Which one should change\?/],
    ['make the hero red', /^The home has no colour I can change/],
    ['make the header text red', /^Should the header color become red, or should the header text say "red"\?/],
    ['change the home text to "Hi"', /^Which text of the home should say `Hi`: hero-text, description or cta-text\?/],
    ['change the navbar colour', /^Which colour should the navbar be\?/],
    ['change the footer text', /^What should the footer text say\?/],
    ['add a link called Pricing to the header', /^Where should the new header link go\?/],
    ['make the footer say Tom and Jerry', /^Should the footer text say `Tom and Jerry`\? Put the new text in double quotes so I know where it ends/],
    ['make the home say Hello', /^Which text of the home should change: hero-text, description or cta-text\?/],
  ];
  it.each(questions)('asks one question for %p', (input, question) => {
    const outcome = parsePlainLanguage(input, DEFAULT_SITE_MAP);
    expect(outcome.kind).toBe('clarification');
    expect(outcome.kind === 'clarification' && outcome.question).toMatch(question);
    expect(outcome.kind === 'clarification' && outcome.question.split('?').length - 1).toBeLessThanOrEqual(2);
  });

  it('refuses an unclosed double quote and an empty description', () => {
    expect(parsePlainLanguage('change the footer text to "oops', DEFAULT_SITE_MAP)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/never closed/) });
    expect(parsePlainLanguage('   ', DEFAULT_SITE_MAP)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/description is empty/) });
  });

  it('never reads section names inside quoted text', () => {
    expect(parsePlainLanguage('change the footer text to "Back to the header"', DEFAULT_SITE_MAP)).toEqual({
      kind: 'intent',
      parser: 'rules',
      intent: { section: 'footer', changes: [{ property: 'text', value: 'Back to the header' }] },
    });
  });
});
