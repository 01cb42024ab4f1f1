import { describe, expect, it } from 'vitest';
import { saliencyMap } from './saliency.ts';

describe('saliencyMap', () => {
  it('finds a red square on a grey background, and is flat for a flat image', () => {
    const width = 64;
    const height = 36;
    const rgb = new Uint8Array(width * height * 3).fill(120);
    for (let y = 8; y < 18; y++) for (let x = 44; x < 54; x++) rgb.set([230, 20, 20], (y * width + x) * 3);
    const map = saliencyMap(rgb, width, height);
    expect(map.values).toHaveLength(16 * 9);
    expect(map.focus.x).toBeGreaterThan(0.6);
    expect(map.focus.y).toBeLessThan(0.5);
    expect(map.concentration).toBeGreaterThan(0.6);
    const peak = map.values.indexOf(1);
    expect(peak % 16).toBeGreaterThanOrEqual(10);

    const flat = saliencyMap(new Uint8Array(width * height * 3).fill(90), width, height);
    expect(Math.max(...flat.values)).toBe(0);
    expect(flat.focus).toEqual({ x: 0.5, y: 0.5 });
  });
});
