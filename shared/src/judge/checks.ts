import { TEXT_CLASSIFIERS, type TextClassifier } from '../filters/vocabulary.ts';

/**
 * The on-device checks a post can wait for before it is shown, one bit each: a post's pending
 * checks are one number, not a set per post (a feed judges thousands). Each text classifier has
 * a bit; then the comparison with the user's example images, and the image-content models.
 */
export const CLASSIFIER_CHECK: Readonly<Record<TextClassifier, number>> = Object.fromEntries(
  TEXT_CLASSIFIERS.map((task, i) => [task, 1 << i]),
) as Record<TextClassifier, number>;
export const EXAMPLES_CHECK = 1 << TEXT_CLASSIFIERS.length;
export const CONTENT_CHECK = EXAMPLES_CHECK << 1;
/** Every classifier's bit. */
export const CLASSIFIER_CHECKS = EXAMPLES_CHECK - 1;

/** The classifiers among `checks`, in TEXT_CLASSIFIERS order. */
export const classifiersIn = (checks: number): TextClassifier[] =>
  TEXT_CLASSIFIERS.filter((task) => checks & CLASSIFIER_CHECK[task]);
