import { describe, expect, it } from 'vitest';
import { yunetFaces, yunetInput } from './yunet.ts';

/** Outputs for a 32 x 32 input with one confident anchor at stride 8, cell (row 1, col 2). */
function outputs() {
  const out: Record<string, Float32Array> = {};
  for (const stride of [8, 16, 32]) {
    const n = (32 / stride) ** 2;
    out[`cls_${stride}`] = new Float32Array(n);
    out[`obj_${stride}`] = new Float32Array(n);
    out[`bbox_${stride}`] = new Float32Array(n * 4);
    out[`kps_${stride}`] = new Float32Array(n * 10);
  }
  const i = 1 * 4 + 2;
  out.cls_8![i] = 0.81;
  out.obj_8![i] = 1;
  out.bbox_8!.set([0.5, 0.5, Math.log(2), Math.log(1)], i * 4);
  out.kps_8!.set([0, 0, 1, 0, 0.5, 0.5, 0, 1, 1, 1], i * 10);
  return out;
}

describe('yunetInput', () => {
  it('writes planar BGR with raw pixel values', () => {
    expect(Array.from(yunetInput(new Uint8Array([10, 20, 30]), 1))).toEqual([30, 20, 10]);
  });
});

describe('yunetFaces', () => {
  it('decodes score, box and landmarks relative to the letterboxed content', () => {
    const faces = yunetFaces(outputs(), 32, 32, 16);
    expect(faces).toHaveLength(1);
    const [face] = faces;
    expect(face!.score).toBeCloseTo(0.9);
    // centre (2.5, 1.5) cells of 8 px = (20, 12); 16 x 8 px; content 32 x 16 px.
    expect(face!.box.x).toBeCloseTo(12 / 32);
    expect(face!.box.y).toBeCloseTo(8 / 16);
    expect(face!.box.width).toBeCloseTo(16 / 32);
    expect(face!.box.height).toBeCloseTo(8 / 16);
    expect(face!.landmarks![2]![0]).toBeCloseTo(20 / 32);
    expect(face!.landmarks![2]![1]).toBeCloseTo(12 / 16);
  });

  it('keeps nothing under the threshold and explains missing outputs', () => {
    expect(yunetFaces(outputs(), 32, 32, 32, { scoreThreshold: 0.95 })).toEqual([]);
    expect(() => yunetFaces({}, 32, 32, 32)).toThrow(/stride 8/);
  });
});
