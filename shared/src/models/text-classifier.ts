import type { TextClassifier } from '../filters/vocabulary.ts';
import { hashedFeatures } from '../text/hashed-features.ts';
import type { Feeds, ModelDefinition, Outputs } from './definition.ts';
import { MODELS } from './registry.ts';

/** The registry entry of each of Veneer's own text classifiers. */
export const TEXT_CLASSIFIER_MODELS = {
  offensive: MODELS['text-offensive'],
  clickbait: MODELS['text-clickbait'],
} as const satisfies Record<TextClassifier, (typeof MODELS)[keyof typeof MODELS]>;

/**
 * One of Veneer's text classifiers (text-models/), as the extension, `pnpm judge` and the
 * evaluation scripts run it: the text's hashed features in, the probability of the positive
 * class out. Each filter's sensitivity is the threshold (SENSITIVITY_THRESHOLDS).
 */
export function textClassifierModel(task: TextClassifier): ModelDefinition<string, number> {
  return { spec: TEXT_CLASSIFIER_MODELS[task], prepare: hashedTextFeeds, read: readProbability };
}

/**
 * A text's hashed features as the feeds `indices` (int64) and `values` (float32). One function for
 * every model that takes them, so a runtime can compute them once per text for all of them.
 */
export function hashedTextFeeds(text: string): Feeds {
  const { indices, values } = hashedFeatures(text);
  return {
    indices: { data: BigInt64Array.from(indices, (index) => BigInt(index)), dims: [indices.length] },
    values: { data: values, dims: [values.length] },
  };
}

const readProbability = (outputs: Outputs) => outputs.probability!.data[0]!;
