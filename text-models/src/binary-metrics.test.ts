import { describe, expect, it } from 'vitest';
import { binaryMetrics } from './binary-metrics.ts';

describe('binaryMetrics', () => {
  it('computes the positive and negative F1 and their mean', () => {
    // tp 3, fn 1, fp 1, tn 5
    const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const predicted = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];
    const m = binaryMetrics(labels, predicted);
    expect(m.precision).toBeCloseTo(0.75);
    expect(m.recall).toBeCloseTo(0.75);
    expect(m.f1).toBeCloseTo(0.75);
    expect(m.f1_negative).toBeCloseTo(5 / 6);
    expect(m.macro_f1).toBeCloseTo((0.75 + 5 / 6) / 2);
    expect(m.accuracy).toBeCloseTo(0.8);
  });
});
