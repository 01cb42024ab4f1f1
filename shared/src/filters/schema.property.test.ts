import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Judge } from '../judge/judge.ts';
import { POST_KINDS } from './accounts.ts';
import { FilterListSchema } from './schema.ts';
import { FILTER_ACTIONS, LOOK_IN, SENSITIVITIES, TEXT_CLASSIFIERS } from './vocabulary.ts';

/** A filter as a list from anywhere might hold one: right fields with wrong values, odd strings. */
const filterLike = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
    words: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('spiders, not: x', '/(a+)+/', '"a b"', '/[/', 'not:'),
    ),
    action: fc.oneof(fc.constantFrom(...FILTER_ACTIONS), fc.string()),
    classifier: fc.constantFrom(...TEXT_CLASSIFIERS, 'nope'),
    sensitivity: fc.constantFrom(...SENSITIVITIES, 'max'),
    lookIn: fc.array(fc.constantFrom(...LOOK_IN, 'ears'), { maxLength: 4 }),
    from: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('@a', 'r/b', ' ')), {
      maxLength: 3,
    }),
    kinds: fc.array(fc.constantFrom(...POST_KINDS, 'meme'), { maxLength: 3 }),
    sites: fc.array(fc.constantFrom('x', 'reddit', 'Facebook!', ''), { maxLength: 3 }),
    expiresAt: fc.oneof(fc.integer(), fc.double()),
    enabled: fc.oneof(fc.boolean(), fc.constant('yes')),
  },
  { requiredKeys: [] },
);

describe('any filter list', () => {
  it('is read or refused with its reasons, never thrown (random JSON)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof FilterListSchema.safeParse(value).success).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('that is valid, judges any post without an exception', () => {
    let judged = 0;
    fc.assert(
      fc.property(
        fc.array(filterLike, { maxLength: 6 }),
        fc.record({
          text: fc.string({ unit: 'binary', maxLength: 200 }),
          author: fc.string({ maxLength: 12 }),
          kinds: fc.array(fc.constantFrom(...POST_KINDS), { maxLength: 2 }),
        }),
        (filters, post) => {
          const parsed = FilterListSchema.safeParse(filters);
          if (!parsed.success) {
            expect(parsed.error.issues.length).toBeGreaterThan(0);
            return;
          }
          const judge = new Judge(parsed.data, { site: 'x', now: 0 });
          const facts = { ...post, images: { length: 1 } };
          judge.judge(facts);
          judge.judge(facts, {
            texts: { offensive: 0.9, clickbait: null },
            imageHashes: ['0000000000000000'],
          });
          judge.matches(facts);
          judged++;
        },
      ),
      { numRuns: 3000 },
    );
    // Enough of the random lists are valid for this to say something.
    expect(judged).toBeGreaterThan(300);
  });
});
