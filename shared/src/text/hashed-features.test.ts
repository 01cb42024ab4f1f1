import { describe, expect, it } from 'vitest';
import { hashedFeatures, TEXT_FEATURE_DIMENSIONS, textTokens } from './hashed-features.ts';

describe('text features', () => {
  it('tokenizes tweets: case, links, mentions and numbers folded', () => {
    expect(textTokens("RT @Someone: You WON'T believe 10,000 things https://t.co/x!")).toEqual([
      'rt',
      '_user_',
      'you',
      "won't",
      'believe',
      '_num_',
      'things',
      '_url_',
    ]);
  });

  it('gives unit-length vectors with indices inside the dimensions, the same every time', () => {
    const a = hashedFeatures('Crypto giveaway today!');
    expect(a.indices.length).toBe(a.values.length);
    expect(Math.hypot(...a.values)).toBeCloseTo(1, 5);
    for (const i of a.indices) expect(i >= 0 && i < TEXT_FEATURE_DIMENSIONS).toBe(true);
    expect(hashedFeatures('Crypto giveaway today!')).toEqual(a);
  });

  it('lets spelling variants share most of their features', () => {
    const shared = (x: string, y: string) => {
      const a = hashedFeatures(x);
      const b = new Set(hashedFeatures(y).indices);
      return [...a.indices].filter((i) => b.has(i)).length / a.indices.length;
    };
    expect(shared('giveaway', 'giveaways')).toBeGreaterThan(0.6);
    expect(shared('giveaway', 'election')).toBeLessThan(0.3);
  });
});
