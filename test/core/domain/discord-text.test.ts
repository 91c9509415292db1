import { cutToLength, shorten } from '../../../lambda/core/domain/discord-text';

const LONE_SURROGATE = /\p{Cs}/u;

describe('shortening text for Discord', () => {
  it('cuts between graphemes: never half an emoji (\\ud83c), a flag, a family or an accent', () => {
    expect(shorten(`${'a'.repeat(78)}🎉 party`, 80)).toBe(`${'a'.repeat(78)}…`);
    expect(shorten(`${'a'.repeat(77)}🇫🇷 fr`, 80)).toBe(`${'a'.repeat(77)}…`);
    expect(shorten(`${'a'.repeat(75)}👨‍👩‍👧 family`, 80)).toBe(`${'a'.repeat(75)}…`);
    expect(shorten(`${'a'.repeat(78)}e\u0301 accent`, 80)).toBe(`${'a'.repeat(78)}…`);
    for (let max = 1; max < 30; max += 1) expect(LONE_SURROGATE.test(shorten('🎉'.repeat(20), max))).toBe(false);
  });

  it('keeps text that fits, stays within max UTF-16 units, and gives nothing for no room', () => {
    expect(shorten('Spring sale 🎉', 80)).toBe('Spring sale 🎉');
    expect(shorten('🎉'.repeat(50), 9)).toBe('🎉🎉🎉🎉…');
    expect(shorten('abc', 0)).toBe('');
    expect(shorten('abc', 1)).toBe('…');
    expect(cutToLength('ab🎉cd', 3)).toBe('ab');
  });
});
