import { parseCommand } from '../../../../lambda/core/agents/ux/grammar';
import { parsePlainLanguage } from '../../../../lambda/core/agents/ux/rules-parser';
import { DEFAULT_SITE_MAP } from '../../../../lambda/core/agents/ux/site-map';
import { invisibleCharacter, validateIntent } from '../../../../lambda/core/agents/ux/validate';

/** Prototype names, NULs and invisible characters get the usual sentence, never a crash or a committed surprise. */
const checked = (command: string) => {
  const parsed = parseCommand(command, DEFAULT_SITE_MAP);
  if (parsed.kind !== 'intent') throw new Error(`not parsed: ${command}`);
  return validateIntent(parsed.intent, DEFAULT_SITE_MAP);
};

describe('hostile input to the UX Agent', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses section:%s with the list of sections', (name) => {
    expect(checked(`section:${name} text:"x"`)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^Unknown section \`${name}\`\\. .*Sections: header, footer, navbar or home\\.`)) });
  });

  it.each(['constructor', '__proto__', 'valueof'])('refuses the property %s with the properties of the section', (name) => {
    expect(checked(`section:header ${name}:x`)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^Unknown property \`${name}\` for header\\. Properties of header:`)) });
  });

  it('refuses a NUL in a description with a sentence naming it', () => {
    expect(parsePlainLanguage('make the navbar \u0000blue', DEFAULT_SITE_MAP)).toEqual({
      kind: 'invalid',
      parser: 'rules',
      message: 'The description contains the control character U+0000 at position 17; remove it and say what should change, e.g. `make the navbar blue`.',
    });
  });

  it.each([
    ['Invoice gpj\u202eexe.pdf', 'U+202E'],
    ['zero\u200bwidth', 'U+200B'],
    ['isolate \u2066x\u2069', 'U+2066'],
    ['line\u2028separator', 'U+2028'],
    ['c1 \u0085 control', 'U+0085'],
    ['x\ud800y', 'U+D800'],
  ])('refuses %j in new text, naming %s', (text, code) => {
    expect(invisibleCharacter(text)).toContain(code);
    const result = validateIntent({ section: 'header', changes: [{ property: 'text', value: text }] }, DEFAULT_SITE_MAP);
    expect(result).toEqual({ ok: false, message: expect.stringContaining(`character ${code}`) });
  });

  it('keeps ordinary non-ASCII text (accents, emoji, ©)', () => {
    expect(validateIntent({ section: 'header', changes: [{ property: 'text', value: 'Café 😀 © 2026' }] }, DEFAULT_SITE_MAP)).toMatchObject({ ok: true });
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://docs.acme.example@evil.example/login', `/${'a'.repeat(400)}`])('refuses the link target %j', (href) => {
    expect(validateIntent({ section: 'header', changes: [], addLinks: [{ label: 'Docs', href }] }, DEFAULT_SITE_MAP)).toMatchObject({ ok: false });
  });
});
