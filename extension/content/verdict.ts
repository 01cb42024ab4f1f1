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

const quickTests = new WeakMap<readonly CompiledFilter[], RegExp | null>();

/** The verdict of the filters' words on the post, or null. Filters naming no words apply to posts with images. */
export function wordsVerdict(filters: readonly CompiledFilter[], post: SitePost): Verdict | null {
  let quick = quickTests.get(filters);
  if (quick === undefined) {
    quick = anyTermPattern(filters);
    quickTests.set(filters, quick);
  }
  // Most posts match no term: one test instead of one per term.
  const mayMatch = quick !== null && post.text !== '' && quick.test(post.text);
  for (const compiled of filters) {
    const action = compiled.filter.action as PostAction;
    if (compiled.matchesEverything) {
      if (post.images.length > 0) return { action, reason: 'every image', filterId: compiled.filter.id };
      continue;
    }
    const term = mayMatch ? compiled.match(post.text) : null;
    if (term) return { action, reason: term, filterId: compiled.filter.id };
  }
  return null;
}

/** Classifier filters that could still change the verdict (their action is stronger than it). */
export function pendingClassifiers(
  filters: readonly CompiledFilter[],
  post: SitePost,
  verdict: Verdict | null,
): CompiledFilter[] {
  let classifiers = classifierFilters.get(filters);
  if (!classifiers) {
    classifiers = filters.filter((f) => f.filter.classifier);
    classifierFilters.set(filters, classifiers);
  }
  if (classifiers.length === 0 || !post.text.trim()) return [];
  const floor = verdict ? ACTION_STRENGTH[verdict.action] : -1;
  return classifiers.filter((f) => ACTION_STRENGTH[f.filter.action] > floor);
}

const classifierFilters = new WeakMap<readonly CompiledFilter[], CompiledFilter[]>();

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
