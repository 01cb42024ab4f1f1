import type { Sensitivity } from '../filters/vocabulary.ts';
import type { BackgroundTable } from './background.ts';
import { wordFeature } from './features.ts';

/**
 * What a person told a learned filter about one post:
 * - `hide`: "Hide posts like this" or "Hide this too" (a positive example);
 * - `not`: "Not this" on a post the filter changed (a negative example);
 * - `shown`: "Show original" on a post it changed (a weaker negative: people also open posts they
 *   are glad were hidden).
 */
export const MARKS = ['hide', 'not', 'shown'] as const;
export type Mark = (typeof MARKS)[number];
const NEGATIVE_WEIGHT: Record<Mark, number> = { hide: 0, not: 1, shown: 0.3 };

export interface LearnedExample {
  mark: Mark;
  /** learnedFeatures of the post, sorted. */
  features: Uint32Array;
}

/** A learned filter's model: a weight per feature; a post's score is the sum of its positive weights. */
export type LearnedWeights = Map<number, number>;

/** Most examples a filter keeps: the oldest go first. */
export const MAX_EXAMPLES = 500;
/** Most weights a model keeps (the largest). */
export const MAX_WEIGHTS = 4000;

/**
 * The score a post must reach, by the filter's sensitivity: about how many times likelier its
 * words are in the posts marked "hide" than in ordinary posts and the ones marked "not this" (in
 * natural log: 6 is about 400 times, summed over the post's words). A word never seen in ordinary
 * posts scores about 10 from one example, so "low" asks for two such words.
 */
export const LEARNED_THRESHOLDS: Record<Sensitivity, number> = { low: 12, medium: 6, high: 4 };

/** How much the posts marked "not this" weigh against the background table in what is not wanted. */
const NEGATIVE_SHARE = 0.05;

/**
 * Trains a learned filter: for each feature of the posts marked "hide", how much likelier it is in
 * them than in ordinary posts (the background table: how common each word is) and in the posts
 * marked "not this" or shown again (a multinomial naive Bayes log ratio against the background,
 * smoothed). A post's own distinctive words weigh most from the first "Hide posts like this";
 * each mark adds its words or counts against them. Pure and quick: 500 examples train in about a
 * millisecond, so every mark retrains from the examples.
 */
export function trainLearned(table: BackgroundTable, examples: readonly LearnedExample[]): LearnedWeights {
  const positive = new Map<number, number>();
  const negative = new Map<number, number>();
  let positives = 0;
  let negatives = 0;
  for (const { mark, features } of examples) {
    if (mark === 'hide') {
      positives++;
      for (const f of features) positive.set(f, (positive.get(f) ?? 0) + 1);
    } else {
      const weight = NEGATIVE_WEIGHT[mark];
      negatives += weight;
      for (const f of features) negative.set(f, (negative.get(f) ?? 0) + weight);
    }
  }
  const background = backgroundCounts(table);
  const weights: LearnedWeights = new Map();
  for (const [feature, count] of positive) {
    const inPositives = (count + 0.1) / (positives + 1);
    const inBackground = ((background.get(feature) ?? 0) + 1) / (table.docs + 2);
    const inNegatives = ((negative.get(feature) ?? 0) + 0.01) / (negatives + 1);
    const elsewhere =
      negatives > 0 ? (1 - NEGATIVE_SHARE) * inBackground + NEGATIVE_SHARE * inNegatives : inBackground;
    const weight = Math.log(inPositives / elsewhere);
    if (weight > 0) weights.set(feature, weight);
  }
  return largest(weights, MAX_WEIGHTS);
}

/** The score of a post with these features: the sum of their weights. */
export function learnedScore(weights: ReadonlyMap<number, number>, features: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < features.length; i++) sum += weights.get(features[i]!) ?? 0;
  return sum;
}

const backgrounds = new WeakMap<BackgroundTable, Map<number, number>>();
/** The background table by word feature (made once per table). */
function backgroundCounts(table: BackgroundTable): Map<number, number> {
  let counts = backgrounds.get(table);
  if (!counts) {
    counts = new Map();
    for (const [word, n] of Object.entries(table.counts)) counts.set(wordFeature(word), n);
    backgrounds.set(table, counts);
  }
  return counts;
}

/** The `limit` largest weights. */
function largest(weights: LearnedWeights, limit: number): LearnedWeights {
  if (weights.size <= limit) return weights;
  return new Map([...weights].sort((a, b) => b[1] - a[1]).slice(0, limit));
}
