import { buildSiteModel, type SiteModel } from '../../../../../lambda/core/agents/ux/discovery/site-model';
import type { UiNode } from '../../../../../lambda/core/agents/ux/discovery/ui-tree';
import { applySplices } from '../../../../../lambda/core/agents/ux/edits/splice';
import { styleEdit } from '../../../../../lambda/core/agents/ux/edits/style-step';
import type { StyleStep } from '../../../../../lambda/core/agents/ux/intent';
import { changedLines, seedFixtureRepo, type FixtureRepo } from '../../../../support/ux-fixture-repo';
import { fixtureDir } from '../../../../support/fixture-sites';

/** "Make the hero headline bigger": one step along Tailwind's scale, for every responsive variant. */
const page = (h1Classes: string) =>
  `<!DOCTYPE html>\n<html>\n<head><script src="https://cdn.tailwindcss.com"></script></head>\n<body>\n  <main>\n    <section>\n      <h1 class="${h1Classes}">Hello there</h1>\n    </section>\n  </main>\n</body>\n</html>\n`;

function headline(h1Classes: string): { model: SiteModel; node: UiNode; text: string } {
  const text = page(h1Classes);
  const model = buildSiteModel(new Map([['index.html', text]]));
  const target = model.sections.home?.properties['hero-text']?.targets[0];
  if (target?.edit.kind !== 'text') throw new Error('no hero headline found');
  return { model, node: target.edit.block.node, text };
}

function stepped(h1Classes: string, step: StyleStep): string {
  const { model, node, text } = headline(h1Classes);
  const result = styleEdit(model, node, step, model.theme);
  if (!result.ok) throw new Error(result.message);
  return /class="([^"]*)"/.exec(applySplices(text, result.splices).split('\n')[6])?.[1] ?? '';
}

describe('style steps on Tailwind classes', () => {
  it.each([
    ['text-4xl sm:text-5xl font-bold', 'bigger', 'text-5xl sm:text-6xl font-bold'],
    ['text-4xl sm:text-5xl font-bold', 'smaller', 'text-3xl sm:text-4xl font-bold'],
    ['text-4xl font-semibold', 'bolder', 'text-4xl font-bold'],
    ['font-bold', 'bigger', 'font-bold text-4xl'],
    ['rounded-md px-4', 'rounded', 'rounded-lg px-4'],
  ] as Array<[string, StyleStep, string]>)('%s made %s is %s', (classes, step, expected) => {
    expect(stepped(classes, step)).toBe(expected);
  });

  it('refuses to square an element that has no rounded corners', () => {
    const { model, node } = headline('text-4xl');
    expect(styleEdit(model, node, 'square', model.theme)).toEqual({ ok: false, message: expect.stringMatching(/^The <h1> in index\.html:7 has no rounded corners to remove\./) });
  });

  // Bug: at the end of the scale the step finds no class to move, so it adds the default one:
  // "bigger" on text-9xl adds text-4xl and "bolder" on font-black adds font-semibold.
  it.each([
    ['text-9xl font-black', 'bigger', 'text-4xl'],
    ['text-4xl font-black', 'bolder', 'font-semibold'],
  ] as Array<[string, StyleStep, string]>)('never adds a second class of the scale to %s made %s', (classes, step, added) => {
    const { model, node } = headline(classes);
    const result = styleEdit(model, node, step, model.theme);
    expect(result.ok && result.splices.map((s) => s.text.trim())).not.toEqual([added]);
  });
});

describe('style steps through the agent', () => {
  let vite: FixtureRepo;
  let html: FixtureRepo;
  beforeAll(async () => {
    vite = await seedFixtureRepo(fixtureDir('vite-react-tailwind3'));
    html = await seedFixtureRepo(fixtureDir('plain-html'));
  });
  afterAll(() => {
    vite.remove();
    html.remove();
  });

  it('steps text-4xl md:text-6xl one size on the JSX hero headline, and nothing else', async () => {
    const HERO = 'src/components/landing/HeroSection.jsx';
    const after = await vite.commitOf({ description: 'make the hero headline bigger' }, HERO);
    expect(changedLines(vite.original(HERO), after)).toEqual({
      removed: ['          className="text-4xl md:text-6xl font-bold leading-tight bg-gradient-to-r from-[#474747] to-[#0CCE6B] bg-clip-text text-transparent"'],
      added: ['          className="text-5xl md:text-7xl font-bold leading-tight bg-gradient-to-r from-[#474747] to-[#0CCE6B] bg-clip-text text-transparent"'],
    });
  });

  it('steps text-4xl md:text-5xl one size on the plain HTML hero headline', async () => {
    const after = await html.commitOf({ description: 'make the hero headline bigger' }, 'index.html');
    expect(changedLines(html.original('index.html'), after)).toEqual({
      removed: ['      <h1 class="text-4xl md:text-5xl font-extrabold text-gray-900">Websites that bring customers through the door</h1>'],
      added: ['      <h1 class="text-5xl md:text-6xl font-extrabold text-gray-900">Websites that bring customers through the door</h1>'],
    });
  });
});
