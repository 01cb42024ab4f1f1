import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz.ts';

/**
 * The short form of `pnpm bench:reliability` (which runs the same scenarios longer and writes
 * bench-results/reliability.json): each scenario once, with fewer inputs, and its goal as a test.
 */
describe('reliability (short form)', () => {
  it('fuzz: generated bad input to every route and socket gets no 5xx, no crash, the documented refusals', async () => {
    const { rows, crashes } = await runFuzz({ perRoute: 300, perSocket: 600 });
    console.log(rows.map((r) => `${r.case}: ${JSON.stringify(r.statuses)}`).join('\n'));
    expect(crashes).toBe(0);
    for (const row of rows) {
      expect(row.inputs, row.case).toBeGreaterThan(0);
      expect({
        case: row.case,
        '5xx': row['5xx'],
        bad_shape: row.bad_shape,
        no_answer: row.no_answer,
        examples: row.examples,
      }).toEqual({
        case: row.case,
        '5xx': 0,
        bad_shape: 0,
        no_answer: 0,
        examples: [],
      });
    }
  });
});
