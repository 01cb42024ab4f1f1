import { describe, expect, it } from 'vitest';
import { FilterListSchema } from '../filters/schema.ts';
import { decodeIndices, decodeWeights, encodeIndices, encodeWeights } from './codec.ts';
import { LEARNED_DIMENSIONS, learnedFeatures } from './features.ts';
import { LEARNED_THRESHOLDS, type LearnedExample, learnedScore, trainLearned } from './learner.ts';
import { storedExamples, storeLearned, withExample } from './stored.ts';
import { contentWords } from './words.ts';

/** A fake background table: ordinary words are common, topic words rare. */
const table = {
  docs: 10_000,
  counts: { game: 400, team: 300, win: 350, night: 500, weather: 200, city: 300, rain: 150, year: 600 },
};
const example = (mark: LearnedExample['mark'], text: string): LearnedExample => ({
  mark,
  features: learnedFeatures(text),
});
const hides = (weights: Map<number, number>, text: string) =>
  learnedScore(weights, learnedFeatures(text)) >= LEARNED_THRESHOLDS.medium;

describe('content words', () => {
  it('keeps the words that say what a post is about, singular and in lower case', () => {
    expect(contentWords('RT @bob: The Spiders are BACK!!! https://t.co/x 100 times')).toEqual([
      'spider',
      'back',
    ]);
  });
});

describe('a learned filter', () => {
  it('from one post hides another sharing its rare words, not one sharing its common ones', () => {
    const weights = trainLearned(table, [example('hide', 'Tarantula venom and spider bites explained')]);
    expect(hides(weights, 'A tarantula escaped from the zoo')).toBe(true);
    expect(hides(weights, 'Great game last night, the team played well')).toBe(false);
  });

  it('learns from "hide this too" and "not this"', () => {
    const first = [example('hide', 'Tarantula venom and spider bites explained')];
    expect(hides(trainLearned(table, first), 'Jumping spiders are cute')).toBe(true);
    const withNot = [
      ...first,
      example('not', 'Spider-Man trailer is out'),
      example('not', 'Spider-Man wins the box office'),
    ];
    expect(hides(trainLearned(table, withNot), 'Spider-Man sequel announced')).toBe(false);
    expect(hides(trainLearned(table, first), 'Scorpion stings are rare')).toBe(false);
    const withMore = [...first, example('hide', 'Scorpion stings and spider venom')];
    expect(hides(trainLearned(table, withMore), 'Scorpion stings are rare')).toBe(true);
  });

  it('counts "show original" less than "not this"', () => {
    const seed = [example('hide', 'Tarantula venom and spider bites explained')];
    const score = (mark: LearnedExample['mark']) =>
      learnedScore(
        trainLearned(table, [...seed, example(mark, 'spider plant care')]),
        learnedFeatures('spider'),
      );
    expect(score('shown')).toBeGreaterThan(score('not'));
  });

  it('is the same model for the same examples', () => {
    const examples = [
      example('hide', 'crypto giveaway, send 1 ETH'),
      example('not', 'crypto regulation news'),
    ];
    expect([...trainLearned(table, examples)]).toEqual([...trainLearned(table, examples)]);
  });
});

describe('the compact text of examples and weights', () => {
  it('round-trips features and weights (weights to 1/2048)', () => {
    const features = learnedFeatures('Tarantula venom and spider bites explained');
    expect(decodeIndices(encodeIndices(features), LEARNED_DIMENSIONS)).toEqual(features);
    const weights = new Map([
      [5, 1.5],
      [LEARNED_DIMENSIONS - 1, -2.25],
      [70_000, 0.00001],
    ]);
    expect(decodeWeights(encodeWeights(weights), LEARNED_DIMENSIONS)).toEqual(
      new Map([
        [5, 1.5],
        [LEARNED_DIMENSIONS - 1, -2.25],
      ]),
    );
  });

  it('refuses text it did not write', () => {
    expect(() => decodeIndices('gA==', LEARNED_DIMENSIONS)).toThrow(/cut short/);
    expect(() => decodeIndices(encodeIndices([LEARNED_DIMENSIONS]), LEARNED_DIMENSIONS)).toThrow(
      /out of range/,
    );
    expect(() => decodeWeights('AQ==', LEARNED_DIMENSIONS)).toThrow(/cut short/);
  });
});

describe('a learned filter in a filter list', () => {
  const learned = storeLearned([example('hide', 'Tarantula venom and spider bites explained')], table);
  const list = (stored: unknown) =>
    FilterListSchema.safeParse([{ id: 'like', action: 'hide', learned: stored }]);

  it('is a valid filter with no words', () => {
    expect(list(learned).success).toBe(true);
  });

  it('whose model is corrupt is refused with a message that says which and what to do', () => {
    const result = list({ ...learned, weights: 'gA==' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'the learned filter "like" cannot be read (cut short): reset it in the options page',
    );
    expect(list({ ...learned, weights: 'not base64!' }).success).toBe(false);
    expect(list({ ...learned, examples: Array(501).fill(learned.examples[0]) }).success).toBe(false);
  });

  it('keeps the first example and the newest ones, at most 500, and remembers a post marked again once', () => {
    let stored = storeLearned([example('hide', 'first post about tarantulas')], table);
    // Words of letters only (numbers are all one token): "scorpion baa", "scorpion bab", ...
    const name = (i: number) =>
      [...i.toString(26).padStart(3, '0')].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    for (let i = 0; i < 520; i++) stored = withExample(stored, 'hide', `scorpion ${name(i)}`, table);
    expect(stored.examples).toHaveLength(500);
    expect(storedExamples(stored)[0]).toEqual(example('hide', 'first post about tarantulas'));
    const again = withExample(withExample(stored, 'hide', 'spider crab', table), 'not', 'spider crab', table);
    expect(storedExamples(again).filter((e) => e.mark === 'not')).toHaveLength(1);
    expect(
      storedExamples(again).filter((e) => e.features.join() === learnedFeatures('spider crab').join()),
    ).toHaveLength(1);
  });
});
