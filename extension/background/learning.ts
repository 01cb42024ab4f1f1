import { type Filter, FilterSchema } from '@veneer/shared/filters';
import {
  LEARNED_THRESHOLDS,
  LearnedMatcher,
  type Mark,
  postFeatures,
  storedExamples,
  storeLearned,
  withExample,
} from '@veneer/shared/learning';
import { BACKGROUND_WORDS } from '@veneer/shared/learning/background-words';
import { loadFiltersToChange, saveFilters } from '../lib/storage.ts';

/**
 * What a person says about a post to Veneer's learned filters:
 * - `like`: "Hide posts like this" (a notice, the context menu): extends the learned filter that
 *   already comes close to taking the post, or makes a new one from it;
 * - `hide`: "Hide this too" on a post a learned filter missed;
 * - `not`: "Not this" on a post a learned filter changed; `shown`: "Show original" on one (weaker).
 * The post's text is read here, on the device, into hashed features, and not kept.
 */
export interface PostMark {
  mark: 'like' | Mark;
  text: string;
  /** The learned filter the mark is about (the one that changed the post, for `not` and `shown`). */
  filterId?: string;
}

export interface Marked {
  filterId: string;
  /** How many examples the filter now learns from. */
  examples: number;
  /** Whether the mark made a new filter. */
  created: boolean;
}

const isLearned = (filter: Filter) => filter.learned !== undefined;

/** The learned filter that scores the post highest, with its score (null: there is none). */
function closest(filters: readonly Filter[], text: string): { filter: Filter; score: number } | null {
  const read = postFeatures(text);
  let best: { filter: Filter; score: number } | null = null;
  for (const filter of filters.filter(isLearned)) {
    const score = new LearnedMatcher(filter.learned!).score(read) ?? 0;
    if (!best || score > best.score) best = { filter, score };
  }
  return best;
}

/** A new learned filter made from one post: collapsed (so each post it takes says why and can be corrected), every site. */
export function newLearnedFilter(
  text: string,
  id: string = `like-${crypto.randomUUID().slice(0, 8)}`,
): Filter {
  return FilterSchema.parse({
    id,
    action: 'collapse',
    learned: storeLearned([{ mark: 'hide', features: postFeatures(text).features }], BACKGROUND_WORDS),
  });
}

/** The filter list after the mark, and what it did. Pure (a fresh id for a new filter aside). */
export function withMark(
  filters: readonly Filter[],
  { mark, text, filterId }: PostMark,
): { filters: Filter[]; marked: Marked } {
  if (!/\S/.test(text)) throw new Error('this post has no text Veneer can learn from');
  let target = filterId ? filters.find((f) => f.id === filterId && isLearned(f)) : undefined;
  if (filterId && !target) throw new Error('that learned filter is gone (it was deleted or reset elsewhere)');
  if (!target && mark !== 'not' && mark !== 'shown') {
    const near = closest(filters, text);
    // "Hide this too" goes to the filter that comes closest; "Hide posts like this" only to one
    // that would nearly take the post already (else it is something new).
    if (near && (mark === 'hide' || near.score >= LEARNED_THRESHOLDS.high)) target = near.filter;
  }
  if (!target) {
    if (mark === 'not' || mark === 'shown')
      throw new Error('"Not this" needs the learned filter that changed the post');
    const made = newLearnedFilter(text);
    return { filters: [...filters, made], marked: { filterId: made.id, examples: 1, created: true } };
  }
  const learned = withExample(target.learned, mark === 'like' ? 'hide' : mark, text, BACKGROUND_WORDS);
  const next = { ...target, enabled: true, learned };
  return {
    filters: filters.map((f) => (f.id === target.id ? next : f)),
    marked: { filterId: target.id, examples: learned.examples.length, created: false },
  };
}

/** The learned filter back to the one post it was made from (the options page's "Reset"). */
export function resetLearned(filter: Filter): Filter {
  const [first] = storedExamples(filter.learned);
  if (!first) return filter;
  return { ...filter, learned: storeLearned([first], BACKGROUND_WORDS) };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Applies a mark to the stored filter list (one at a time: marks made quickly one after another
 * each see the list the last one wrote). The list syncs as any change to it does.
 */
export function markPost(mark: PostMark): Promise<Marked> {
  const run = queue.then(async () => {
    const next = withMark(await loadFiltersToChange(), mark);
    await saveFilters(next.filters);
    return next.marked;
  });
  queue = run.catch(() => undefined);
  return run;
}
