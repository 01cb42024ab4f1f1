import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterListSchema } from '../filters/schema.ts';
import { parseFilterSentence } from './parse-sentence.ts';

const NOW = new Date(2026, 11, 5, 10).getTime();

/** Words people use in these sentences, so that random ones reach deep into the parser. */
const VOCABULARY = [
  'hide',
  'collapse',
  'blur',
  'warn',
  'me',
  'about',
  'posts',
  'on',
  'x',
  'reddit',
  'youtube',
  'bluesky',
  'mastodon',
  'facebook',
  'for',
  'a',
  'week',
  '3',
  'days',
  'until',
  'tomorrow',
  'friday',
  'except',
  'not',
  'but',
  'from',
  '@bob',
  'r/pics',
  'u/al',
  'spiders',
  'crypto',
  'giveaway',
  '"season finale"',
  "'x'",
  'and',
  'or',
  ',',
  'be',
  'strict',
  'rude',
  'replies',
  'retweets',
  'ads',
  'shorts',
  'pictures',
  'faces',
  'no',
  'more',
  "don't",
  'show',
  'pls',
  'everything',
  '/(a+)+/',
  'not:',
  '9/11',
  'today',
  'forever',
  '0',
  '99999',
  'years',
  'take',
  'off',
  'my',
  'timeline',
  'keep',
  'out',
  'of',
  'feed',
  'is',
  'fine',
  'spoilers',
  '',
];

const valid = (sentence: string) => {
  const parsed = parseFilterSentence(sentence, { now: NOW });
  if ('error' in parsed) {
    expect(parsed.error).toMatch(/\S/);
    return;
  }
  const list = FilterListSchema.safeParse([{ id: 'made', ...parsed.filter }]);
  expect(list.success, `${JSON.stringify(sentence)} made ${JSON.stringify(parsed.filter)}`).toBe(true);
};

describe('any sentence', () => {
  it('gets a filter valid under the schema or a plain error, never an exception (random text)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), valid), { numRuns: 2000 });
  });

  it('the same, for random sentences of the words people use in them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 24 }).map((words) => words.join(' ')),
        valid,
      ),
      { numRuns: 5000 },
    );
  });
});
