import { autocompleteInteraction } from '../../lambda/local/interaction-builder';
import { answer, startPlatform, type Platform } from './fixtures/platform';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform.close());
beforeEach(() => platform.reset());

const suggest = async (options: Record<string, string>, focused: string) =>
  answer(await platform.send(autocompleteInteraction('ux-update', options, focused))) as unknown as { type: number; data: { choices: Array<{ name: string; value: string }> } };

describe('/ux-update autocomplete of section and page', () => {
  it('suggests nothing before any discovery, and never asks the agent to discover', async () => {
    expect(await suggest({ section: 'fo' }, 'section')).toEqual({ type: 8, data: { choices: [] } });
    await platform.idle();
    expect(platform.discord.requests).toEqual([]);
  });

  it('answers from the outline the worker kept after the last discovery: matches of what is typed, starting ones first', async () => {
    platform.agent.siteOutline = { pages: ['/', '/pricing', '/blog/pricing-news', '/about'], sections: ['header', 'navbar', 'footer', 'home'] };
    await platform.proposeTask();
    expect(await suggest({ section: 'f' }, 'section')).toEqual({ type: 8, data: { choices: [{ name: 'footer', value: 'footer' }] } });
    expect((await suggest({ description: 'make it blue', page: 'pric' }, 'page')).data.choices.map((c) => c.value)).toEqual(['/pricing', '/blog/pricing-news']);
    expect((await suggest({ section: 'ho' }, 'section')).data.choices.map((c) => c.value)).toEqual(['home']);
    expect((await suggest({ section: 'e' }, 'section')).data.choices.map((c) => c.value)).toEqual(['header', 'footer', 'home']);
    expect((await suggest({ page: '' }, 'page')).data.choices).toHaveLength(4);
    // Another option being typed (the description) gets no suggestions.
    expect(await suggest({ description: 'm' }, 'description')).toEqual({ type: 8, data: { choices: [] } });
  });

  it('keeps the newest outline: a later discovery replaces the suggestions', async () => {
    platform.agent.siteOutline = { pages: ['/'], sections: ['header'] };
    await platform.proposeTask();
    platform.agent.siteOutline = { pages: ['/'], sections: ['header', 'hero'] };
    await platform.proposeTask();
    expect((await suggest({ section: 'h' }, 'section')).data.choices.map((c) => c.value)).toEqual(['header', 'hero']);
  });
});
