import { type AuthorBadge, POST_KIND_LABELS, type PostKind } from './accounts.ts';
import { TEXT_CLASSIFIER_LABELS, type TextClassifier } from './vocabulary.ts';

/**
 * The words the Judge's reasons are made of where a filter names no words of its own ("collapsed:
 * like posts you marked", "hidden: repost from @a"). English by default (the CLI, the tests); the
 * extension gives the words of the interface's language once at start (useReasonWords), so a
 * notice and the popup read in it. A filter's own words are shown as written.
 */
export interface ReasonWords {
  classifier: Record<TextClassifier, string>;
  kind: Record<PostKind, string>;
  learned: string;
  imageLike: string;
  everyImage: string;
  /** `{label}` in an image. */
  inImage: string;
  /** From `{accounts}`. */
  from: string;
  /** Who a filter with a `badge` takes ("from a verified account"). */
  badge: Record<AuthorBadge, string>;
}

export const ENGLISH_REASON_WORDS: ReasonWords = {
  classifier: TEXT_CLASSIFIER_LABELS,
  kind: POST_KIND_LABELS,
  learned: 'like posts you marked',
  imageLike: 'an image like one you hid',
  everyImage: 'every image',
  inImage: '{label} (in an image)',
  from: 'from {accounts}',
  badge: { verified: 'from a verified account', none: 'from an account with no badge' },
};

let words: ReasonWords = ENGLISH_REASON_WORDS;

/** The words reasons are made of from now on (filters compiled after this use them). */
export function useReasonWords(next: ReasonWords): void {
  words = next;
}

export const reasonWords = (): ReasonWords => words;
