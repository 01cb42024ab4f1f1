import { describe, expect, it } from 'vitest';
import { ranks, spearman } from './spearman.ts';

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, and averages tied ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(ranks([5, 1, 5, 2])).toEqual([3.5, 1, 3.5, 2]);
    // The textbook example (Wikipedia's IQ vs hours of TV): rho = -0.1758 (-29/165).
    expect(
      spearman([106, 100, 86, 101, 99, 103, 97, 113, 112, 110], [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]),
    ).toBeCloseTo(-29 / 165, 4);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});
