import { compileFilters, FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import type { SitePost } from './adapters/site-adapter.ts';
import { classifierStrengths, classifierVerdict, hasText, postFilters, wordsVerdict } from './verdict.ts';

const filters = (...list: object[]) =>
  postFilters(compileFilters(list.map((f, i) => FilterSchema.parse({ id: `f${i}`, ...f }))));
const post = (text: string, images = 0) =>
  ({ id: '1', text, images: Array.from({ length: images }, () => ({})) }) as unknown as SitePost;

describe('verdicts', () => {
  it('the strongest action among matching filters wins', () => {
    const list = filters(
      { words: 'spiders', action: 'blur' },
      { words: 'spiders, snakes', action: 'hide' },
      { words: 'cats', action: 'collapse' },
    );
    expect(wordsVerdict(list, post('spiders and cats'))).toEqual({
      action: 'hide',
      reason: 'spiders',
      filterId: 'f1',
    });
    expect(wordsVerdict(list, post('cats only'))).toMatchObject({ action: 'collapse' });
    expect(wordsVerdict(list, post('dogs'))).toBeNull();
  });

  it('a pixelate filter without words applies to posts with images only', () => {
    const list = filters({ words: '', action: 'pixelate' });
    expect(wordsVerdict(list, post('text only'))).toBeNull();
    expect(wordsVerdict(list, post('photo', 1))).toMatchObject({ action: 'pixelate', reason: 'every image' });
  });

  it('next to word filters, a filter without words takes every post with images, the strongest winning', () => {
    const list = filters(
      { words: 'spiders', action: 'hide' },
      { words: '', action: 'pixelate' },
      { words: 'clowns', action: 'blur' },
    );
    expect(wordsVerdict(list, post('spiders', 1))).toMatchObject({ action: 'hide', reason: 'spiders' });
    // Both apply: the stronger action wins.
    expect(wordsVerdict(list, post('clowns', 1))).toMatchObject({ action: 'blur', reason: 'clowns' });
    expect(wordsVerdict(list, post('clowns'))).toMatchObject({ action: 'blur', reason: 'clowns' });
    expect(wordsVerdict(list, post('dogs', 2))).toMatchObject({ action: 'pixelate', reason: 'every image' });
    expect(wordsVerdict(list, post('dogs'))).toBeNull();
  });

  it('applies a classifier filter at its sensitivity', () => {
    const list = filters(
      { words: '', classifier: 'offensive', action: 'collapse', sensitivity: 'low' },
      { words: 'spiders', action: 'hide' },
    );
    // Nothing to ask a classifier about a post without text.
    expect(hasText('   \n')).toBe(false);
    expect(hasText(' hello ')).toBe(true);
    expect(classifierVerdict(list, 'offensive', 0.7)).toBeNull();
    expect(classifierVerdict(list, 'offensive', 0.85)).toMatchObject({
      action: 'collapse',
      reason: 'offensive language',
    });
    expect(classifierVerdict(list, 'clickbait', 0.99)).toBeNull();
  });

  it("knows each classifier's strongest action (a post waits only for those stronger than its words' verdict)", () => {
    const list = filters(
      { words: '', classifier: 'offensive', action: 'blur' },
      { words: '', classifier: 'offensive', action: 'hide' },
      { words: '', classifier: 'clickbait', action: 'warn' },
      { words: 'spiders', action: 'collapse' },
    );
    expect(classifierStrengths(list)).toEqual([
      { task: 'offensive', strength: 5 },
      { task: 'clickbait', strength: 3 },
    ]);
  });

  it('of several filters on one classifier, the strongest whose sensitivity is reached wins', () => {
    const list = filters(
      { words: '', classifier: 'offensive', action: 'collapse', sensitivity: 'high' },
      { words: '', classifier: 'offensive', action: 'hide', sensitivity: 'low' },
      { words: '', classifier: 'clickbait', action: 'warn', sensitivity: 'medium' },
    );
    expect(classifierVerdict(list, 'offensive', 0.9)).toMatchObject({ action: 'hide', filterId: 'f1' });
    expect(classifierVerdict(list, 'offensive', 0.4)).toMatchObject({ action: 'collapse', filterId: 'f0' });
    expect(classifierVerdict(list, 'offensive', 0.2)).toBeNull();
    expect(classifierVerdict(list, 'clickbait', 0.6)).toMatchObject({ action: 'warn', filterId: 'f2' });
  });
});
