import { parseCommand } from '../../../../lambda/core/agents/ux/grammar';
import type { UxIntent } from '../../../../lambda/core/agents/ux/intent';
import { DEFAULT_SITE_MAP } from '../../../../lambda/core/agents/ux/site-map';

describe('structured grammar', () => {
  const intents: Array<[string, UxIntent]> = [
    ['section:header text:"Test Deploy"', { section: 'header', changes: [{ property: 'text', value: 'Test Deploy' }] }],
    [`'section:header text:"Test Deploy"'`, { section: 'header', changes: [{ property: 'text', value: 'Test Deploy' }] }],
    ['section:footer color:#112233', { section: 'footer', changes: [{ property: 'color', value: '#112233' }] }],
    ['  section:navbar   brand:Acme   color:navy ', { section: 'navbar', changes: [{ property: 'brand', value: 'Acme' }, { property: 'color', value: 'navy' }] }],
    ['color:red section:header', { section: 'header', changes: [{ property: 'color', value: 'red' }] }],
    ["section:home hero-text:'Ship it' cta-text:“Try it”", { section: 'home', changes: [{ property: 'hero-text', value: 'Ship it' }, { property: 'cta-text', value: 'Try it' }] }],
    ['section:header text:"Say \\"hi\\""', { section: 'header', changes: [{ property: 'text', value: 'Say "hi"' }] }],
    ['section:header add-link:"Pricing:/pricing"', { section: 'header', changes: [], addLinks: [{ label: 'Pricing', href: '/pricing' }] }],
    ['section:navbar add-link:"Docs:https://docs.example.com" add-link:Blog:/blog', { section: 'navbar', changes: [], addLinks: [{ label: 'Docs', href: 'https://docs.example.com' }, { label: 'Blog', href: '/blog' }] }],
    ['SECTION:Header TEXT:"Keeps Case"', { section: 'Header', changes: [{ property: 'text', value: 'Keeps Case' }] }],
    ['section:header text:"@everyone `code` **bold**"', { section: 'header', changes: [{ property: 'text', value: '@everyone `code` **bold**' }] }],
    ['section:header text:""', { section: 'header', changes: [{ property: 'text', value: '' }] }],
  ];
  it.each(intents)('%s', (input, intent) => {
    expect(parseCommand(input, DEFAULT_SITE_MAP)).toEqual({ kind: 'intent', parser: 'grammar', intent });
  });

  const errors: Array<[string, RegExp]> = [
    ['', /command is empty.*Example: `section:header/],
    ['text:"Hello"', /Say which section.*Sections: header, footer, navbar or home/],
    ['section:header section:footer text:x', /One command changes one section/],
    ['section:header text:"Hello', /quote " opened after `text:` is never closed/],
    ['section:header text:“Hello', /never closed/],
    ['section:header text:Test Deploy', /Expected `name:value` but found `Deploy`.*quote values with spaces/],
    ['section:header text:"a"b', /Put a space after the closing quote/],
    ['section:header text:Hello"', /closing quote but no opening one/],
    ['section:header add-link:"Pricing"', /Write the link as Label:\/path/],
    ['section:header :x', /no name before its colon/],
  ];
  it.each(errors)('refuses %p with a sentence', (input, message) => {
    const outcome = parseCommand(input, DEFAULT_SITE_MAP);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.message).toMatch(message);
  });
});
