import { describe, expect, it } from 'vitest';
import {
  ctcDecode,
  detectionSize,
  mergeIntoLines,
  ocrDictionary,
  type TextRegion,
  textRegions,
} from './paddle-ocr.ts';

const region = (cx: number, cy: number, length: number, angle = 0): TextRegion => ({
  cx,
  cy,
  length,
  thickness: 20,
  angle,
  score: 0.9,
});

describe('detectionSize', () => {
  it('keeps the longest side under the limit in multiples of 32', () => {
    expect(detectionSize(1920, 1080, 960)).toEqual({ width: 960, height: 544 });
    expect(detectionSize(100, 10)).toEqual({ width: 96, height: 32 });
  });
});

describe('textRegions', () => {
  it('finds one region per blob, with its size and direction', () => {
    const [w, h] = [40, 20];
    const map = new Float32Array(w * h);
    for (let x = 5; x < 35; x++) for (let y = 8; y < 12; y++) map[y * w + x] = 0.9;
    const [found, ...rest] = textRegions(map, w, h, { unclipRatio: 0 });
    expect(rest).toEqual([]);
    expect(found!.cx).toBeCloseTo(19.5);
    expect(found!.cy).toBeCloseTo(9.5);
    expect(found!.length).toBeCloseTo(30);
    expect(found!.thickness).toBeCloseTo(4);
    expect(Math.abs(found!.angle)).toBeLessThan(0.01);
  });

  it('drops faint regions', () => {
    const map = new Float32Array(100).fill(0.4);
    expect(textRegions(map, 10, 10)).toEqual([]);
  });
});

describe('mergeIntoLines', () => {
  it('joins words on one line and keeps separate lines apart', () => {
    const lines = mergeIntoLines([region(50, 10, 60), region(130, 11, 80), region(60, 60, 90)]);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length).toBeCloseTo(150, 0);
    expect(lines[0]!.cx).toBeCloseTo(95, 0);
    expect(lines[1]!.cy).toBe(60);
    expect(lines[0]!.words.map((w) => w.cx)).toEqual([50, 130]);
  });

  it('does not join words far apart or at other angles', () => {
    expect(mergeIntoLines([region(50, 10, 60), region(300, 10, 60)])).toHaveLength(2);
    expect(mergeIntoLines([region(50, 10, 60), region(120, 10, 60, 0.5)])).toHaveLength(2);
  });
});

describe('ctcDecode', () => {
  it('merges repeats, drops blanks and averages confidence', () => {
    const dictionary = ocrDictionary('a\nb\n');
    expect(dictionary).toEqual(['a', 'b', ' ']);
    // steps: a a blank a b; classes: blank, a, b, space
    const probs = new Float32Array([
      0, 0.9, 0.1, 0, 0, 0.8, 0.2, 0, 1, 0, 0, 0, 0, 0.7, 0.3, 0, 0, 0.1, 0.9, 0,
    ]);
    const { text, confidence } = ctcDecode(probs, 5, 4, dictionary);
    expect(text).toBe('aab');
    expect(confidence).toBeCloseTo((0.9 + 0.7 + 0.9) / 3);
  });
});
