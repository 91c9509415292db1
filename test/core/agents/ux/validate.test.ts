import { parseCommand } from '../../../../lambda/core/agents/ux/grammar';
import { DEFAULT_SITE_MAP } from '../../../../lambda/core/agents/ux/site-map';
import { validateIntent } from '../../../../lambda/core/agents/ux/validate';

const check = (command: string) => {
  const parsed = parseCommand(command, DEFAULT_SITE_MAP);
  if (parsed.kind !== 'intent') throw new Error(`did not parse: ${command}`);
  return validateIntent(parsed.intent, DEFAULT_SITE_MAP);
};

describe('validation against the site map', () => {
  it.each([
    ['section:header color:#112233', '#112233'],
    ['section:header color:#ABC', '#aabbcc'],
    ['section:header color:red', '#ff0000'],
    ['section:header colour:DarkGray', '#a9a9a9'],
    ['section:nav background:"dark slate gray"', '#2f4f4f'],
  ])('%s → %s', (command, hex) => {
    const result = check(command);
    expect(result.ok && result.intent.changes[0]).toMatchObject({ kind: 'color', property: 'color', value: hex });
  });

  it('resolves section and property aliases to their names', () => {
    expect(check('section:top-bar logo:"Acme"')).toEqual({ ok: false, message: expect.stringContaining('Unknown section `top-bar`') });
    expect(check('section:nav logo:"Acme"')).toEqual({
      ok: true,
      intent: { section: 'navbar', changes: [{ property: 'brand', kind: 'text', value: 'Acme', requested: 'Acme' }], addLinks: [], removeLinks: [], renameLinks: [], styles: [] },
    });
  });

  const refusals: Array<[string, RegExp]> = [
    ['section:hedaer text:"x"', /^Unknown section `hedaer`\. Did you mean `header`\? Sections: header, footer, navbar or home\. Example: `section:header /],
    ['section:sidebar text:"x"', /^Unknown section `sidebar`\. Sections: header, footer, navbar or home\. Example/],
    ['section:footer txet:"x"', /^Unknown property `txet` for footer\. Did you mean `text`\? Properties of footer: text or color\. Example: `section:footer text:"New text" color:#1f2937`/],
    ['section:home color:blue', /^Unknown property `color` for home\. Properties of home: hero-text, description or cta-text/],
    ['section:header color:#12345', /`#12345` is not a colour I can use \(a hex colour needs exactly 3 or 6 hex digits\)\. Use #RRGGBB, #RGB or a CSS colour name.*Example: `section:header color:#1f2937`/],
    ['section:header color:rgb(1,2,3)', /`rgb\(1,2,3\)` is not a colour I can use \(colour functions are not supported\)/],
    ['section:header color:reddish', /`reddish` is not a colour I can use \(it is not a CSS colour name\)/],
    ['section:header text:""', /^The new header text is empty/],
    ['section:header text:"   "', /^The new header text is empty/],
    [`section:navbar brand:"${'x'.repeat(61)}"`, /limit is 60/],
    ['section:header text:"a" text:"b"', /^The property `text` is given twice/],
    ['section:header text:"a" title:"b"', /^The property `text` is given twice/],
    ['section:header links:"x"', /^Links are changed one at a time with add-link, remove-link or rename-link/],
    ['section:footer add-link:"Blog:/blog"', /^The footer has no links to change\. Sections with links: header or navbar/],
    ['section:header add-link:"Evil:javascript:alert(1)"', /link target `javascript:alert\(1\)` is not allowed/],
    ['section:header add-link:":/x"', /The link has no label/],
    ['section:header add-link:"Blog:/blog" add-link:"blog:/blog2"', /is given twice/],
    ['section:header', /^Nothing to change in the header/],
  ];
  it.each(refusals)('refuses %p', (command, message) => {
    const result = check(command);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('refuses 3000 characters of text, naming the limit', () => {
    const result = check(`section:header text:"${'x'.repeat(3000)}"`);
    expect(!result.ok && result.message).toMatch(/^The new header text is 3000 characters long; the limit is 200\./);
  });

  it('accepts text with mentions, markdown and backticks as data', () => {
    const result = check('section:header text:"@everyone **hi** `x` <b>"');
    expect(result.ok && result.intent.changes[0].value).toBe('@everyone **hi** `x` <b>');
  });

  it('refuses a line break in text (the LLM path can produce one)', () => {
    const result = validateIntent({ section: 'header', changes: [{ property: 'text', value: 'two\nlines' }] }, DEFAULT_SITE_MAP);
    expect(!result.ok && result.message).toMatch(/single line/);
  });
});
