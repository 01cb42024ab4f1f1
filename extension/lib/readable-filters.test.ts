import { describe, expect, it } from 'vitest';
import { readableFilters } from './readable-filters.ts';

describe('readableFilters', () => {
  it('keeps every filter it can read, and names each one it cannot with why', () => {
    const stored = [
      { id: 'spiders', words: 'spiders', action: 'collapse' },
      // A filter an update now refuses: its regular expression could take exponential time.
      { id: 'slow', words: '/(a+)+$/', action: 'hide' },
      // One a newer version wrote: a kind this version does not know.
      { id: 'newer', words: 'x', action: 'hide', kinds: ['hologram'] },
      { id: 'spiders', words: 'again', action: 'hide' },
      { id: 'crypto', words: 'crypto giveaway', action: 'hide' },
    ];
    const { filters, unreadable } = readableFilters(stored);
    expect(filters.map((f) => f.id)).toEqual(['spiders', 'crypto']);
    expect(unreadable.map((u) => [u.position, u.label])).toEqual([
      [2, 'slow'],
      [3, 'newer'],
      [4, 'spiders'],
    ]);
    expect(unreadable[0]!.reason).toMatch(/simplify it/);
    expect(unreadable[2]!.reason).toBe('duplicate filter id "spiders"');
  });

  it('a field this version does not know makes its filter unreadable rather than wider', () => {
    // Written by a newer version: "hide replies, only from accounts in a mood" would otherwise
    // become "hide every reply" here, and be saved and synced so.
    const { filters, unreadable } = readableFilters([
      { id: 'moody', words: '', kinds: ['reply'], mood: 'grumpy', action: 'hide' },
      { id: 'spiders', words: 'spiders', action: 'collapse' },
    ]);
    expect(filters.map((f) => f.id)).toEqual(['spiders']);
    expect(unreadable).toEqual([
      {
        position: 1,
        label: 'moody',
        reason:
          'it has "mood", which this version of Veneer does not know (a list written by a newer version?)',
      },
    ]);
    // In a filter's parts too: an example image with a field of a newer version.
    const nested = readableFilters([
      { id: 'like-img', action: 'hide', imageExamples: [{ hash: 'ab'.repeat(8), crop: [0, 0, 1, 1] }] },
    ]);
    expect(nested.filters).toEqual([]);
    expect(nested.unreadable[0]!.reason).toMatch(
      /^it has "crop", which this version of Veneer does not know/,
    );
  });

  it('reads nothing from items that are not filters at all, without throwing', () => {
    expect(readableFilters([null, 7, 'x', {}]).filters).toEqual([]);
    expect(readableFilters([null, 7, 'x', {}]).unreadable).toHaveLength(4);
  });
});
