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

  it('reads nothing from items that are not filters at all, without throwing', () => {
    expect(readableFilters([null, 7, 'x', {}]).filters).toEqual([]);
    expect(readableFilters([null, 7, 'x', {}]).unreadable).toHaveLength(4);
  });
});
