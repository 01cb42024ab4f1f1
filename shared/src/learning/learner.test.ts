import { describe, expect, it } from 'vitest';
import { decodeIndices, decodeWeights, encodeIndices, encodeWeights } from './codec.ts';
import { LEARNED_DIMENSIONS, learnedFeatures } from './features.ts';
import { LEARNED_THRESHOLDS, type LearnedExample, learnedScore, trainLearned } from './learner.ts';
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
