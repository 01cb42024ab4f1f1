import { CLASSIFIER_CHECKS } from './classifier-checks.ts';
import type { TextCheck } from './text-check.ts';

/** Every on-device check of a post's text, in a fixed order (a post's waits are bits in this order). */
export const TEXT_CHECKS: readonly TextCheck[] = [...CLASSIFIER_CHECKS];

/**
 * The checks a post can wait for before it is shown, one bit each: a post's pending checks are
 * one number, not a set per post (a feed judges thousands). Each text check has a bit (its place
 * in TEXT_CHECKS); then the comparison with the user's example images, and the image models.
 */
export const textCheckBit = (index: number) => 1 << index;
export const TEXT_CHECK_BITS = (1 << TEXT_CHECKS.length) - 1;
export const EXAMPLES_CHECK = 1 << TEXT_CHECKS.length;
export const CONTENT_CHECK = EXAMPLES_CHECK << 1;

/** The text checks among `bits`, in TEXT_CHECKS order. */
export const textChecksIn = (bits: number): TextCheck[] =>
  TEXT_CHECKS.filter((_, index) => bits & textCheckBit(index));

/** The check with this id. */
export function textCheck(id: string): TextCheck {
  const check = TEXT_CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no text check named "${id}"`);
  return check;
}
