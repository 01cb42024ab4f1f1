import type { BackgroundTable } from './background.ts';
import { decodeIndices, encodeIndices, encodeWeights } from './codec.ts';
import { LEARNED_DIMENSIONS, learnedFeatures } from './features.ts';
import { postHash, type StoredLearned } from './learned-matcher.ts';
import { type LearnedExample, MAX_EXAMPLES, type Mark, trainLearned } from './learner.ts';

/** A learned filter's examples as stored, read back. */
export function storedExamples(learned: StoredLearned | undefined): LearnedExample[] {
  return (learned?.examples ?? []).map(({ mark, features }) => ({
    mark,
    features: decodeIndices(features, LEARNED_DIMENSIONS),
  }));
}

/**
 * The learned filter for these examples, as a filter list stores it: the newest MAX_EXAMPLES
 * examples (the first, the post it was made from, is always kept), the model trained on them,
 * and the hashes of the posts marked "Not this".
 */
export function storeLearned(examples: readonly LearnedExample[], table: BackgroundTable): StoredLearned {
  const kept =
    examples.length <= MAX_EXAMPLES ? examples : [examples[0]!, ...examples.slice(-(MAX_EXAMPLES - 1))];
  const spared = [...new Set(kept.filter((e) => e.mark === 'not').map((e) => postHash(e.features)))].sort(
    (a, b) => a - b,
  );
  return {
    examples: kept.map(({ mark, features }) => ({ mark, features: encodeIndices(features) })),
    weights: encodeWeights(trainLearned(table, kept)),
    spared: encodeIndices(spared),
  };
}

/** One more example: the post's features (its text is read here and not kept). */
export function withExample(
  learned: StoredLearned | undefined,
  mark: Mark,
  text: string,
  table: BackgroundTable,
): StoredLearned {
  const features = learnedFeatures(text);
  // A post marked again is marked anew: its older mark goes.
  const hash = postHash(features);
  const others = storedExamples(learned).filter((e, i) => i === 0 || postHash(e.features) !== hash);
  return storeLearned([...others, { mark, features }], table);
}
