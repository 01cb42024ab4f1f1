import { describe, expect, it } from 'vitest';
import { legibilityAt, type TextBox, textArea, textBoxes, textRecall } from './legibility.ts';

const box = (x: number, y: number, width: number, height: number): TextBox => ({
  x,
  y,
  width,
  height,
  lineHeight: height,
});

describe('legibility', () => {
  it('turns detector regions into boxes as fractions of the image', () => {
    const [b] = textBoxes([{ cx: 160, cy: 90, length: 100, thickness: 20, angle: 0, score: 1 }], 320, 180);
    expect(b!.x).toBeCloseTo(110 / 320);
    expect(b!.width).toBeCloseTo(100 / 320);
    expect(b!.lineHeight).toBeCloseTo(20 / 180);
  });

  it('recall is the share of the reference text still found', () => {
    const reference = [box(0, 0, 0.5, 0.25), box(0.5, 0.5, 0.5, 0.25)];
    expect(textRecall(reference, reference)).toBe(1);
    expect(textRecall(reference, [reference[0]!])).toBeCloseTo(0.5, 1);
    expect(textRecall(reference, [])).toBe(0);
    expect(textRecall([], [])).toBe(1);
    expect(textArea(reference)).toBeCloseTo(0.25, 2);
  });

  it('big text found at mobile size is legible; tiny letters are not, even when found', () => {
    const big = [box(0.1, 0.1, 0.8, 0.2)];
    expect(legibilityAt('mobile', big, big)).toMatchObject({ legible: true, recall: 1 });
    expect(legibilityAt('mobile', big, big).tallestLinePx).toBeCloseTo(18.8, 1);
    const tiny = [box(0.1, 0.1, 0.3, 0.05)];
    expect(legibilityAt('mobile', tiny, tiny).legible).toBe(false);
    expect(legibilityAt('desktop', tiny, tiny).legible).toBe(true);
    expect(legibilityAt('desktop', big, []).legible).toBe(false);
  });
});
