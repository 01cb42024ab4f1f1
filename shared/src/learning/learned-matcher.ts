import { fnv1a } from '../text/hashed-features.ts';
import { decodeIndices, decodeWeights } from './codec.ts';
import { LEARNED_DIMENSIONS, learnedFeatures, wordFeature } from './features.ts';
import { learnedScore } from './learner.ts';
import { contentWords } from './words.ts';

/**
 * A learned filter as a filter list stores it: the examples it learned from (hashed features and
 * the mark, never the post's text), the model trained from them, and hashes of the posts marked
 * "Not this", which it never takes again. Encoded by codec.ts.
 */
export interface StoredLearned {
  examples: Array<{ mark: 'hide' | 'not' | 'shown'; features: string }>;
  weights: string;
  spared: string;
}

/** A post marked "Not this", as a learned filter remembers it: a hash of its features. */
export const postHash = (features: ArrayLike<number>) => fnv1a(Array.prototype.join.call(features, ','), 21);

/** A post's content words and learned features, read once for every learned filter. */
export interface PostFeatures {
  words: readonly string[];
  features: Uint32Array;
}

export function postFeatures(text: string): PostFeatures {
  const words = contentWords(text);
  return { words, features: learnedFeatures(text, words) };
}

/**
 * A learned filter compiled for a page: its weights and spared posts decoded once. Runs in the
 * content script: no schema library, no background table.
 */
export class LearnedMatcher {
  private readonly weights: Map<number, number>;
  private readonly spared: Set<number>;

  constructor(learned: Pick<StoredLearned, 'weights' | 'spared'>) {
    this.weights = decodeWeights(learned.weights, LEARNED_DIMENSIONS);
    this.spared = new Set(decodeIndices(learned.spared, 2 ** 32));
  }

  /** The post's score (the sum of its features' weights); null when it was marked "Not this". */
  score({ features }: PostFeatures): number | null {
    if (this.spared.size > 0 && this.spared.has(postHash(features))) return null;
    return learnedScore(this.weights, features);
  }

  /** The post's words that weigh most towards the filter, most first (at most 3): why it matched. */
  topWords(words: readonly string[]): string[] {
    return [...new Set(words)]
      .map((word) => ({ word, weight: this.weights.get(wordFeature(word)) ?? 0 }))
      .filter(({ weight }) => weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 3)
      .map(({ word }) => word);
  }
}
