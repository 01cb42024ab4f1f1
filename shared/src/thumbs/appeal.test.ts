import { describe, expect, it } from 'vitest';
import { appeal, type DeepSignals, type InstantSignals, winnerOf } from './appeal.ts';

const legible = { recall: 1, tallestLinePx: 14, legible: true };
const illegible = { recall: 0.1, tallestLinePx: 4, legible: false };

const strong: InstantSignals = {
  stats: { brightness: 0.5, contrast: 0.25, colourfulness: 70, clutter: 0.08 },
  faces: { count: 1, largestArea: 0.12 },
  text: { area: 0.1, legibility: { mobile: legible, desktop: legible, sidebar: legible } },
  standOut: { ratio: 1.4, compared: 12, against: 'your home feed' },
  title: { length: 42, clickbait: 0.2 },
};

const weak: InstantSignals = {
  stats: { brightness: 0.12, contrast: 0.05, colourfulness: 6, clutter: 0.4 },
  faces: { count: 0, largestArea: 0 },
  text: { area: 0.1, legibility: { mobile: illegible, desktop: legible, sidebar: illegible } },
  standOut: { ratio: 0.6, compared: 12, against: 'a reference set' },
  title: { length: 42, clickbait: 0.2 },
};

describe('appeal', () => {
  it('scores a strong thumbnail high with no advice, a weak one low with the reasons', () => {
    const good = appeal(strong);
    expect(good.score).toBeGreaterThan(90);
    expect(good.advice).toEqual([]);
    const bad = appeal(weak);
    expect(bad.score).toBeLessThan(40);
    expect(bad.advice).toEqual(
      expect.arrayContaining([
        'no face: a face draws the eye in a feed',
        'the text is unreadable on mobile',
        'blends into the feed',
        'too dark',
        'low contrast: it will look flat next to other thumbnails',
        'dull colours',
        'busy: too much detail to take in at a glance',
      ]),
    );
    for (const part of [...good.parts, ...bad.parts]) {
      expect(part.value).toBeGreaterThanOrEqual(0);
      expect(part.value).toBeLessThanOrEqual(1);
    }
  });

  it('the deep score adds focus, the title relation and expressions; an unavailable title match adds nothing', () => {
    const deep: DeepSignals = {
      text: { content: 'SHED BUILD', relation: 'repeats' },
      faces: { count: 1, largestArea: 0.12, expressions: ['neutral'] },
      saliency: { concentration: 0.2, focus: { x: 0.5, y: 0.5 } },
      titleMatch: { available: false, reason: 'stand-in model' },
    };
    const result = appeal(strong, deep);
    expect(result.parts.map((part) => part.name)).toContain('focus');
    expect(result.parts.map((part) => part.name)).not.toContain('title match');
    expect(result.advice).toEqual(
      expect.arrayContaining([
        "the text repeats the title: say something the title doesn't",
        'the face shows little expression',
        'no clear focal point',
      ]),
    );
    expect(result.score).toBeLessThan(appeal(strong).score);
    const matched = appeal(strong, {
      ...deep,
      titleMatch: { available: true, model: 'clip-vit-b32', similarity: 0.31 },
    });
    expect(matched.parts.find((part) => part.name === 'title match')?.value).toBe(1);
  });

  it('text only the full-resolution OCR can read is too small for the feed', () => {
    const noText = { ...strong, text: { ...strong.text, area: 0 } };
    const deep: DeepSignals = {
      text: { content: 'tiny words', relation: 'adds' },
      faces: strong.faces,
      saliency: { concentration: 0.5, focus: { x: 0.5, y: 0.5 } },
      titleMatch: { available: false, reason: 'stand-in' },
    };
    expect(appeal(noText).parts.find((part) => part.name === 'text')?.detail).toBe('no text on the image');
    const result = appeal(noText, deep);
    expect(result.parts.find((part) => part.name === 'text')?.value).toBe(0.3);
    expect(result.advice).toContain('the text is too small to read in the feed');
  });

  it('a long title is advised against', () => {
    expect(appeal({ ...strong, title: { length: 95, clickbait: 0.95 } }).advice).toEqual([
      'the title is cut off in the feed after about 70 characters',
      'the title reads as clickbait',
    ]);
  });

  it('the winner is the highest score, the first of equals', () => {
    expect(
      winnerOf([
        { id: 'a', score: 50 },
        { id: 'b', score: 71 },
        { id: 'c', score: 71 },
      ]),
    ).toBe('b');
    expect(winnerOf([])).toBeNull();
  });
});
