import {
  anyTermPattern,
  type CompiledFilter,
  SENSITIVITY_THRESHOLDS,
  type TextClassifier,
} from '@veneer/shared/filters/matching';
import type { SitePost } from './adapters/site-adapter.ts';
import { ACTION_STRENGTH, type PostAction } from './rewrite/modify.ts';

/** What Veneer does to one post, and why (the reason shown on its notice). */
export interface Verdict {
  action: PostAction;
  reason: string;
  filterId: string;
}

const byStrength = (a: CompiledFilter, b: CompiledFilter) =>
  ACTION_STRENGTH[b.filter.action] - ACTION_STRENGTH[a.filter.action];

/** The filters that act on whole posts by their text, strongest action first (so the first match wins). */
export function postFilters(filters: readonly CompiledFilter[]): CompiledFilter[] {
  return filters
    .filter((f) => f.filter.action !== 'blur-faces' && f.filter.lookIn.includes('text'))
    .sort(byStrength);
}

/** The filters that look for their words in the text inside a post's images (OCR), strongest first. */
export function imageTextFilters(filters: readonly CompiledFilter[]): CompiledFilter[] {
  return filters
    .filter(
      (f) => f.filter.action !== 'blur-faces' && f.filter.lookIn.includes('image-text') && f.terms.length > 0,
    )
    .sort(byStrength);
}

/** What judging posts by a filter list's words needs, worked out once per list. */
interface WordsPlan {
  /** Matches every text any term of the list could match (and more); null when there are no terms. */
  quick: RegExp | null;
  /** The filters naming no words (they take every post with images), strongest first. */
  everything: CompiledFilter[];
}

const plans = new WeakMap<readonly CompiledFilter[], WordsPlan>();

function planOf(filters: readonly CompiledFilter[]): WordsPlan {
  let plan = plans.get(filters);
  if (!plan) {
    plan = { quick: anyTermPattern(filters), everything: filters.filter((f) => f.matchesEverything) };
    plans.set(filters, plan);
  }
  return plan;
}

/** The verdict of the filters' words on the post, or null. Filters naming no words apply to posts with images. */
export function wordsVerdict(filters: readonly CompiledFilter[], post: SitePost): Verdict | null {
  const { quick, everything } = planOf(filters);
  // Most posts match no term: one test instead of one per term, and then only the filters
  // naming no words are left to look at (most lists have none).
  if (quick === null || post.text === '' || !quick.test(post.text)) {
    if (everything.length === 0 || post.images.length === 0) return null;
    const compiled = everything[0]!;
    return {
      action: compiled.filter.action as PostAction,
      reason: 'every image',
      filterId: compiled.filter.id,
    };
  }
  for (const compiled of filters) {
    const action = compiled.filter.action as PostAction;
    if (compiled.matchesEverything) {
      if (post.images.length > 0) return { action, reason: 'every image', filterId: compiled.filter.id };
      continue;
    }
    const term = compiled.match(post.text);
    if (term) return { action, reason: term, filterId: compiled.filter.id };
  }
  return null;
}

/**
 * Each classifier the filters use, with the strongest action among its filters (found once per
 * list): a post waits for a classifier only when that action is stronger than its words' verdict.
 */
export function classifierStrengths(
  filters: readonly CompiledFilter[],
): ReadonlyArray<{ task: TextClassifier; strength: number }> {
  let strengths = strengthsByList.get(filters);
  if (!strengths) {
    strengths = [...classifierFiltersOf(filters)].map(([task, list]) => ({
      task,
      strength: Math.max(...list.map((f) => ACTION_STRENGTH[f.filter.action])),
    }));
    strengthsByList.set(filters, strengths);
  }
  return strengths;
}

const strengthsByList = new WeakMap<
  readonly CompiledFilter[],
  ReadonlyArray<{ task: TextClassifier; strength: number }>
>();

const SOMETHING = /\S/;
/** Some text to classify: not empty, not only spaces. */
export const hasText = (text: string) => SOMETHING.test(text);

const filtersByClassifier = new WeakMap<readonly CompiledFilter[], Map<TextClassifier, CompiledFilter[]>>();

/** The filters using each classifier, in the list's order (strongest first): found once per list. */
function classifierFiltersOf(filters: readonly CompiledFilter[]): Map<TextClassifier, CompiledFilter[]> {
  let byTask = filtersByClassifier.get(filters);
  if (!byTask) {
    byTask = new Map();
    for (const compiled of filters) {
      const task = compiled.filter.classifier;
      if (task) byTask.set(task, [...(byTask.get(task) ?? []), compiled]);
    }
    filtersByClassifier.set(filters, byTask);
  }
  return byTask;
}

/** The strongest classifier filter whose sensitivity the probability reaches, as a verdict. */
export function classifierVerdict(
  filters: readonly CompiledFilter[],
  task: TextClassifier,
  probability: number,
): Verdict | null {
  for (const compiled of classifierFiltersOf(filters).get(task) ?? []) {
    if (probability >= SENSITIVITY_THRESHOLDS[compiled.filter.sensitivity]) {
      return {
        action: compiled.filter.action as PostAction,
        reason: compiled.label,
        filterId: compiled.filter.id,
      };
    }
  }
  return null;
}
