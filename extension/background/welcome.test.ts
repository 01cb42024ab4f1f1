import { FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { STARTER_FILTERS, withStarters } from './welcome.ts';

describe('starter filters', () => {
  const mine = FilterSchema.parse({ id: 'mine', words: 'spiders', action: 'hide' });

  it('adds the chosen ones, keeps the person’s own, and switches unchosen ones off', () => {
    const once = withStarters([mine], ['starter-clickbait', 'starter-faces']);
    expect(once.map((f) => f.id)).toEqual(['mine', 'starter-clickbait', 'starter-faces']);
    const changed = once.map((f) => (f.id === 'starter-faces' ? { ...f, action: 'pixelate' as const } : f));
    const again = withStarters(changed, ['starter-clickbait']);
    expect(again.map((f) => [f.id, f.enabled])).toEqual([
      ['mine', true],
      ['starter-clickbait', true],
      ['starter-faces', false],
    ]);
    expect(again[2]!.action).toBe('pixelate');
  });

  it('offers valid filters only', () => {
    expect(Object.values(STARTER_FILTERS).map((f) => f.id)).toEqual([
      'starter-clickbait',
      'starter-rude-replies',
      'starter-faces',
    ]);
  });
});
