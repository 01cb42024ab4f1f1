import { SENSITIVITY_THRESHOLDS, TEXT_CLASSIFIERS } from '../filters/vocabulary.ts';
import { defineTextCheck } from './text-check.ts';

/**
 * Veneer's own text classifiers (filters with `classifier`): each is a check whose answer is the
 * probability of its class, matched against the filter's sensitivity.
 */
export const CLASSIFIER_CHECKS = TEXT_CLASSIFIERS.map((task) =>
  defineTextCheck<number>({
    id: task,
    serves: (filter) => filter.classifier === task,
    model: `text-${task}`,
    match: (compiled, probability) =>
      probability >= SENSITIVITY_THRESHOLDS[compiled.filter.sensitivity] ? compiled.label : null,
  }),
);
