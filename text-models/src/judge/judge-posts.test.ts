import { FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it, vi } from 'vitest';
import { judgePosts, type PostRow } from './judge-posts.ts';

const filters = [
  FilterSchema.parse({ id: 'spiders', words: 'spiders', action: 'hide', sites: ['x'] }),
  FilterSchema.parse({ id: 'bait', classifier: 'clickbait', action: 'collapse' }),
  FilterSchema.parse({ id: 'spider-warn', words: 'spider, not: spider-man', action: 'warn' }),
];
const row = (id: string, text: string, site = '', who: Partial<PostRow> = {}): PostRow => ({
  id,
  text,
  site,
  author: '',
  community: '',
  ...who,
});

describe('judgePosts', () => {
  it('judges each post like the extension, in input order, listing every filter that matched', async () => {
    // A fake text check: clickbait for texts with "believe", nothing else.
    const classify = vi.fn(async (_check: string, texts: readonly string[]) =>
      texts.map((t) => (t.includes('believe') ? 0.9 : 0.1)),
    );
    const results = await judgePosts(
      filters,
      [
        row('a', 'a spider in the bath', 'x'),
        row('b', 'you will not believe this'),
        row('c', 'spider-man returns', 'reddit'),
        row('d', 'spiders', 'reddit'),
      ],
      classify,
    );
    expect(results).toEqual([
      { id: 'a', matched: ['spiders', 'spider-warn'], action: 'hide', reasons: ['spiders', 'spider'] },
      { id: 'b', matched: ['bait'], action: 'collapse', reasons: ['clickbait'] },
      { id: 'c', matched: [], action: null, reasons: [] },
      { id: 'd', matched: ['spider-warn'], action: 'warn', reasons: ['spider'] },
    ]);
    // One batch; the post already hidden by its words is not asked about.
    expect(classify).toHaveBeenCalledTimes(1);
    expect(classify.mock.calls[0]![1]).toEqual([
      'you will not believe this',
      'spider-man returns',
      'spiders',
    ]);
  });

  it('leaves expired and disabled filters out', async () => {
    const list = [
      FilterSchema.parse({ id: 'old', words: 'cats', action: 'hide', expiresAt: 1000 }),
      FilterSchema.parse({ id: 'off', words: 'cats', action: 'hide', enabled: false }),
    ];
    const [result] = await judgePosts(list, [row('1', 'cats')], async () => [], { now: 2000 });
    expect(result).toMatchObject({ matched: [], action: null });
  });

  it('applies filters by account, community and kind, and the allowlist', async () => {
    const list = [
      FilterSchema.parse({ id: 'reposts', kinds: ['repost'], action: 'hide' }),
      FilterSchema.parse({ id: 'news-spiders', words: 'spiders', from: ['r/news'], action: 'collapse' }),
    ];
    const results = await judgePosts(
      list,
      [
        row('1', 'a sunset', 'x', { author: '@a', kinds: ['repost'] }),
        row('2', 'a sunset', 'x', { author: '@a', kinds: ['original'] }),
        row('3', 'spiders again', 'reddit', { author: 'u/b', community: 'r/news', kinds: ['original'] }),
        row('4', 'spiders again', 'reddit', { author: 'u/b', community: 'r/pics', kinds: ['original'] }),
        row('5', 'a sunset', 'x', { author: '@friend', kinds: ['repost'] }),
        row('6', 'a sunset', 'x'),
      ],
      async () => [],
      { alwaysShow: ['@friend'] },
    );
    expect(results.map((r) => r.action)).toEqual(['hide', null, 'collapse', null, null, null]);
  });
});
