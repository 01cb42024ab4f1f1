import { describe, expect, it } from 'vitest';
import { FeedStats } from './feed-stats.ts';

describe('FeedStats', () => {
  it('shares each scan among the posts it judged, counts long scans, and adds up applied answers', () => {
    const stats = new FeedStats();
    stats.scan(2, 4);
    stats.scan(60, 3);
    stats.answer(1.5);
    stats.answer(0.5);
    expect(stats.snapshot()).toEqual({
      posts: 7,
      perPostMs: [0.5, 0.5, 0.5, 0.5, 20, 20, 20],
      scans: 2,
      longestScanMs: 60,
      longScans: 1,
      answersMs: 2,
      answers: 2,
    });
  });
});
