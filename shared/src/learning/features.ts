import { fnv1a } from '../text/hashed-features.ts';
import { contentWords } from './words.ts';

/**
 * A learned filter's features: the post's content words (words.ts) and pairs of neighbouring
 * content words, each hashed (FNV-1a, the shared text features' hash) into LEARNED_DIMENSIONS
 * buckets; present or not (a word said twice says no more about the topic). Only these numbers
 * are kept of a post a person marked: the words cannot be read back from them.
 */
export const LEARNED_DIMENSIONS = 1 << 20;
/** At most this many features of one post are kept (its first words: the title, the opening). */
export const MAX_EXAMPLE_FEATURES = 96;

const WORD_SEED = 11;
const PAIR_SEED = 12;

/** The feature of one content word (as contentWords writes it). */
export const wordFeature = (word: string) => fnv1a(word, WORD_SEED) % LEARNED_DIMENSIONS;
const pairFeature = (first: string, second: string) =>
  fnv1a(`${first} ${second}`, PAIR_SEED) % LEARNED_DIMENSIONS;

/** The post's features, sorted and without repeats. */
export function learnedFeatures(text: string, words: readonly string[] = contentWords(text)): Uint32Array {
  const found = new Set<number>();
  for (let i = 0; i < words.length && found.size < MAX_EXAMPLE_FEATURES; i++) {
    found.add(wordFeature(words[i]!));
    if (i > 0 && found.size < MAX_EXAMPLE_FEATURES) found.add(pairFeature(words[i - 1]!, words[i]!));
  }
  return Uint32Array.from(found).sort();
}
