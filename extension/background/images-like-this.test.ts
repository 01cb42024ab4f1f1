import { FilterSchema, IMAGES_LIKE_FILTER_ID } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { withExampleImage } from './images-like-this.ts';

describe('withExampleImage', () => {
  it('makes the example-image filter on first use, collapsing', () => {
    const list = withExampleImage([], 'aaaaaaaaaaaaaaaa', 'www.reddit.com');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: IMAGES_LIKE_FILTER_ID,
      action: 'collapse',
      imageExamples: [{ hash: 'aaaaaaaaaaaaaaaa', from: 'www.reddit.com' }],
    });
  });

  it('adds a new hash to it once, switches it back on, and leaves other filters alone', () => {
    const other = FilterSchema.parse({ id: 'spiders', words: 'spiders', action: 'hide' });
    const first = withExampleImage([other], 'aaaaaaaaaaaaaaaa');
    const off = first.map((f) => (f.id === IMAGES_LIKE_FILTER_ID ? { ...f, enabled: false } : f));
    const second = withExampleImage(off, 'bbbbbbbbbbbbbbbb');
    expect(second[0]).toBe(other);
    expect(second[1]).toMatchObject({
      enabled: true,
      imageExamples: [{ hash: 'aaaaaaaaaaaaaaaa' }, { hash: 'bbbbbbbbbbbbbbbb' }],
    });
    expect(withExampleImage(second, 'bbbbbbbbbbbbbbbb')[1]!.imageExamples).toHaveLength(2);
  });
});
