import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readValue } from '../../../../lambda/core/agents/ux/edits';
import { DEFAULT_SITE_MAP, parseSiteMap } from '../../../../lambda/core/agents/ux/site-map';

const SITE = join(__dirname, '../../../../examples/site');

describe('site map', () => {
  it('describes the sections and properties the sample site has', () => {
    expect(Object.fromEntries(Object.entries(DEFAULT_SITE_MAP.sections).map(([name, s]) => [name, Object.keys(s.properties)]))).toEqual({
      header: ['text', 'color', 'links'],
      footer: ['text', 'color'],
      navbar: ['text', 'color', 'links', 'brand'],
      home: ['hero-text', 'description', 'cta-text'],
    });
  });

  it('points every property of the default map at a real file and marker of examples/site', () => {
    for (const [section, spec] of Object.entries(DEFAULT_SITE_MAP.sections)) {
      for (const [property, prop] of Object.entries(spec.properties)) {
        const source = readFileSync(join(SITE, prop.file), 'utf8');
        expect([section, property, readValue(source, prop, DEFAULT_SITE_MAP.markerAttribute).length > 0]).toEqual([section, property, true]);
      }
    }
  });

  it('explains each wrong field of a repository map', () => {
    const result = parseSiteMap(
      JSON.stringify({
        version: 1,
        sections: {
          hero: { properties: { color: { edit: 'css-variable', file: 'src/hero.tsx', variable: 'hero-color' } } },
          footer: { properties: { text: { edit: 'jsx-text', file: '../outside.tsx', marker: 'f' } } },
        },
      }),
    );
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message).toContain('The site map .valine/ux-map.json is invalid');
    expect(message).toContain('`sections.hero.properties.color.file`: expected a .css file');
    expect(message).toContain('`sections.hero.properties.color.variable`: expected a CSS custom property name such as "--header-color"');
    expect(message).toContain('`sections.footer.properties.text.file`: expected a path relative to the repository root');
    expect(message).toContain('See docs/ux-agent.md');
  });

  it('explains JSON errors, a wrong version, an unknown edit and an empty map', () => {
    expect(parseSiteMap('{ nope')).toMatchObject({ ok: false, message: expect.stringMatching(/is not valid JSON/) });
    expect(parseSiteMap('{"version":2,"sections":{}}')).toMatchObject({ ok: false, message: expect.stringMatching(/`version`/) });
    expect(parseSiteMap('{"version":1,"sections":{}}')).toMatchObject({ ok: false, message: expect.stringMatching(/`sections`: expected at least one section/) });
    expect(parseSiteMap('{"version":1,"sections":{"a":{"properties":{"b":{"edit":"regex","file":"x"}}}}}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/`sections.a.properties.b.edit`/),
    });
  });

  it('names a section key that is not a lower-case name', () => {
    const result = parseSiteMap('{"version":1,"sections":{"Big Header":{"properties":{"t":{"edit":"jsx-text","file":"a.tsx","marker":"t"}}}}}');
    expect(result.ok ? '' : result.message).toMatch(/`sections.Big Header`: the name is not valid: expected a lower-case name/);
    expect(parseSiteMap('{"version":1,"sections":{"a":{"properties":{"t":{"edit":"jsx-text","file":"a.tsx"}}}}}')).toMatchObject({ ok: false, message: expect.stringContaining('`sections.a.properties.t.marker`: is missing') });
  });

  it('refuses to point at CI workflows or the agent\'s own files', () => {
    const map = (file: string) => JSON.stringify({ version: 1, sections: { a: { properties: { t: { edit: 'jsx-text', file, marker: 'm' } } } } });
    expect(parseSiteMap(map('.github/workflows/deploy.js'))).toMatchObject({ ok: false, message: expect.stringContaining('does not edit files under .git/, .github/ or .valine/') });
    expect(parseSiteMap(map('.valine/x.tsx'))).toMatchObject({ ok: false });
  });

  it('accepts a minimal map for another repository', () => {
    const result = parseSiteMap(
      JSON.stringify({
        version: 1,
        markerAttribute: 'data-edit',
        sections: { banner: { aliases: ['promo'], properties: { text: { edit: 'jsx-text', file: 'app/Banner.jsx', marker: 'banner-text', maxLength: 80 } } } },
      }),
    );
    expect(result).toMatchObject({ ok: true, siteMap: { markerAttribute: 'data-edit', sections: { banner: { aliases: ['promo'] } } } });
  });
});
