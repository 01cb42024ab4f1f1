import { FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { describeExpiry, describeFilter, filterTitle } from './describe-filter.ts';

const filter = (input: Record<string, unknown>) =>
  FilterSchema.parse({ id: 'f', action: 'collapse', ...input });

describe('describeFilter (a filter card on the options page)', () => {
  it('says what a word filter does, where and until when', () => {
    const now = 1_000_000;
    expect(
      describeFilter(
        filter({ words: 'spiders', sites: ['x', 'reddit'], expiresAt: now + 5 * 3600_000 }),
        now,
      ),
    ).toEqual({ title: 'spiders', summary: 'Collapse · X, Reddit · expires in 5 h', chips: [] });
  });

  it('names a filter without words by what it was taught or limited to, with chips for the rest', () => {
    expect(filterTitle(filter({ action: 'blur-faces' }))).toBe('Every post');
    expect(filterTitle(filter({ classifier: 'clickbait' }))).toBe('clickbait');
    expect(filterTitle(filter({ kinds: ['repost', 'promoted'] }))).toBe('repost, promoted');
    expect(filterTitle(filter({ from: ['@a', 'r/b'] }))).toBe('Posts from @a, r/b');
    expect(filterTitle(filter({ badge: 'none' }))).toBe('Posts from accounts with no badge');
    expect(describeFilter(filter({ kinds: ['reply'], badge: 'verified' }))).toMatchObject({
      title: 'reply',
      chips: ['from verified accounts'],
    });
    expect(describeFilter(filter({ badge: 'verified' })).chips).toEqual([]);
    const images = filter({ action: 'hide', imageExamples: [{ hash: 'ab'.repeat(8) }] });
    expect(describeFilter(images)).toMatchObject({ title: 'Images like 1 you hid', chips: [] });
    const many = describeFilter(
      filter({
        words: 'election',
        classifier: 'offensive',
        sensitivity: 'high',
        kinds: ['reply'],
        exceptFrom: ['@friend'],
        lookIn: ['text', 'image-text'],
        action: 'warn',
      }),
    );
    expect(many.summary).toBe('Warn first · every site · never expires');
    expect(many.chips).toEqual([
      'offensive language model',
      'High sensitivity',
      'reply',
      'not from @friend',
      'text in images too',
    ]);
  });

  it('counts down an expiry in hours, then days', () => {
    expect(describeExpiry(undefined)).toBe('never expires');
    expect(describeExpiry(1000, 2000)).toBe('expired');
    expect(describeExpiry(7 * 24 * 3600_000, 0)).toBe('expires in 7 days');
  });
});
