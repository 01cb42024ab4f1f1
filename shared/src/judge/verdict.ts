import type { FilterAction } from '../filters/vocabulary.ts';

/** What Veneer does to a whole post (blur-faces works on each image, not on the post). */
export type PostAction = Exclude<FilterAction, 'blur-faces'>;

/** What Veneer does to one post, and why (the reason shown on its notice). */
export interface Verdict {
  action: PostAction;
  reason: string;
  filterId: string;
  /**
   * A learned filter's verdict: what made it match this post (its words that weigh most, and the
   * score), shown on the post's notice only (the page's report counts by `reason`).
   */
  learned?: { words: string[]; score: number };
}

/** Which of several matching filters wins: the one that hides most. */
export const ACTION_STRENGTH: Readonly<Record<FilterAction, number>> = {
  hide: 5,
  collapse: 4,
  warn: 3,
  blur: 2,
  pixelate: 1,
  'blur-faces': 0,
};

/** A verdict's strength; -1 for none, so that any verdict beats no verdict. */
export const strengthOf = (verdict: Verdict | null): number =>
  verdict ? ACTION_STRENGTH[verdict.action] : -1;

/** `candidate` when it is strictly stronger than `best` (on a tie the earlier verdict stays). */
export const stronger = (best: Verdict | null, candidate: Verdict | null): Verdict | null =>
  candidate && strengthOf(candidate) > strengthOf(best) ? candidate : best;
