import { describe, expect, it } from 'vitest';
import { intersectionOverUnion, nonMaxSuppression } from './nms.ts';
import { ultrafaceFaces, ultrafaceInput } from './ultraface.ts';

describe('ultrafaceInput', () => {
  it('normalizes interleaved RGB into planar channels', () => {
    const rgb = new Uint8Array([255, 127, 0, 127, 127, 127]);
    const out = ultrafaceInput(rgb, 2, 1);
    expect(Array.from(out)).toEqual([1, 0, 0, 0, -127 / 128, 0]);
  });

  it('rejects a buffer of the wrong size', () => {
    expect(() => ultrafaceInput(new Uint8Array(5), 2, 1)).toThrow(/expected 6 RGB bytes/);
  });
});

describe('ultrafaceFaces', () => {
  it('keeps anchors above the threshold, clamps boxes and suppresses overlaps', () => {
    const scores = new Float32Array([0.1, 0.9, 0.2, 0.8, 0.9, 0.1, 0.05, 0.95]);
    const boxes = new Float32Array([
      0.1,
      0.1,
      0.3,
      0.3, // face, 0.9
      0.11,
      0.11,
      0.31,
      0.31, // overlaps the first, 0.8: suppressed
      0.5,
      0.5,
      0.6,
      0.6, // background
      0.7,
      -0.1,
      1.2,
      0.2, // face, 0.95, clamped to the image
    ]);
    const faces = ultrafaceFaces(scores, boxes);
    expect(faces).toHaveLength(2);
    expect(faces[0]!.score).toBeCloseTo(0.95);
    expect(faces[0]!.box.x).toBeCloseTo(0.7);
    expect(faces[0]!.box.y).toBe(0);
    expect(faces[0]!.box.width).toBeCloseTo(0.3);
    expect(faces[1]!.score).toBeCloseTo(0.9);
  });

  it('returns nothing when no anchor passes', () => {
    expect(ultrafaceFaces(new Float32Array([0.5, 0.5]), new Float32Array([0, 0, 1, 1]))).toEqual([]);
  });
});

describe('nms', () => {
  it('computes IoU', () => {
    const a = { x: 0, y: 0, width: 2, height: 2 };
    expect(intersectionOverUnion(a, a)).toBe(1);
    expect(intersectionOverUnion(a, { x: 1, y: 0, width: 2, height: 2 })).toBeCloseTo(2 / 6);
    expect(intersectionOverUnion(a, { x: 5, y: 5, width: 1, height: 1 })).toBe(0);
  });

  it('respects the limit', () => {
    const items = [0, 1, 2].map((i) => ({ score: i, box: { x: i * 10, y: 0, width: 1, height: 1 } }));
    expect(nonMaxSuppression(items, 0.3, 2).map((i) => i.score)).toEqual([2, 1]);
  });
});
