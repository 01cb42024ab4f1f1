import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterListSchema } from '../filters/schema.ts';
import { decodeIndices, decodeWeights, encodeIndices, encodeWeights } from './codec.ts';
import { LEARNED_DIMENSIONS } from './features.ts';

const indices = fc
  .uniqueArray(fc.integer({ min: 0, max: LEARNED_DIMENSIONS - 1 }), { maxLength: 300 })
  .map((list) => list.sort((a, b) => a - b));

describe('the learned filters codec', () => {
  it('gives back any sorted indices and any weights (to 1/2048, within ±16)', () => {
    fc.assert(
      fc.property(indices, (list) => {
        expect([...decodeIndices(encodeIndices(list), LEARNED_DIMENSIONS)]).toEqual(list);
      }),
    );
    fc.assert(
      fc.property(
        indices,
        fc.array(fc.double({ min: -16, max: 16, noNaN: true }), { maxLength: 300 }),
        (list, ws) => {
          const weights = new Map(list.map((index, i) => [index, ws[i] ?? 1]));
          const back = decodeWeights(encodeWeights(weights), LEARNED_DIMENSIONS);
          for (const [index, weight] of back)
            expect(Math.abs(weight - weights.get(index)!)).toBeLessThanOrEqual(1 / 2048);
        },
      ),
    );
  });

  it('reads any text as numbers or refuses it with an Error; a list with such a model is refused, never thrown', () => {
    fc.assert(
      fc.property(fc.base64String({ maxLength: 200 }), (text) => {
        for (const decode of [
          () => decodeIndices(text, LEARNED_DIMENSIONS),
          () => decodeWeights(text, LEARNED_DIMENSIONS),
        ]) {
          try {
            decode();
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
          }
        }
        const list = FilterListSchema.safeParse([
          {
            id: 'like',
            action: 'collapse',
            learned: { examples: [{ mark: 'hide', features: text }], weights: text, spared: text },
          },
        ]);
        expect(typeof list.success).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
