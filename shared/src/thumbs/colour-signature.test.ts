import { describe, expect, it } from 'vitest';
import { colourSignature, signatureDistance, standOut } from './colour-signature.ts';

const solid = (rgb: [number, number, number]) =>
  colourSignature(
    Uint8Array.from({ length: 16 * 9 * 3 }, (_, i) => rgb[i % 3]!),
    16,
    9,
  );

const FEED = [
  solid([90, 90, 100]),
  solid([110, 105, 100]),
  solid([70, 80, 90]),
  solid([120, 120, 120]),
  solid([100, 95, 110]),
];

describe('standOut', () => {
  it('a vivid candidate stands out from a grey feed, a grey one blends in', () => {
    const vivid = standOut(solid([250, 200, 0]), FEED);
    const grey = standOut(solid([100, 100, 105]), FEED);
    expect(vivid.ratio).toBeGreaterThan(2);
    expect(grey.ratio).toBeLessThan(0.8);
    expect(vivid.compared).toBe(FEED.length);
  });

  it('distance is symmetric and zero for the same signature', () => {
    const a = solid([10, 200, 30]);
    const b = solid([200, 10, 30]);
    expect(signatureDistance(a, a)).toBe(0);
    expect(signatureDistance(a, b)).toBeCloseTo(signatureDistance(b, a), 10);
  });

  it('needs at least two thumbnails to compare with', () => {
    expect(() => standOut(FEED[0]!, [FEED[1]!])).toThrow(/at least two/);
  });
});
