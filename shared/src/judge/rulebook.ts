import { imageConceptsFor } from '../filters/image-concepts.ts';
import {
  anyTermPattern,
  type CompiledFilter,
  compileFilters,
  type FilterContext,
} from '../filters/matcher.ts';
import type { Filter } from '../filters/schema.ts';
import { LearnedMatcher } from '../learning/learned-matcher.ts';
import type { CocoLabel } from '../models/centernet.ts';
import type { NsfwClass } from '../models/nsfw.ts';
import { TEXT_CHECKS, textCheckBit } from './checks.ts';
import type { TextCheck } from './text-check.ts';
import { ACTION_STRENGTH } from './verdict.ts';

/** A filter on what images show, with the model classes its words name. */
export interface ContentFilter {
  filter: CompiledFilter;
  nsfw: readonly NsfwClass[];
  objects: readonly CocoLabel[];
}

/**
 * A filter list compiled once for one page (its site, the time): every filter sorted into the
 * checks that can match it, strongest action first, so that the first match of each check is
 * its verdict and judging a post needs no sorting or filtering.
 */
export interface Rulebook {
  /** Every active filter. */
  all: readonly CompiledFilter[];
  /** Filters that act on whole posts by their text (words, text checks, example images). */
  text: readonly CompiledFilter[];
  /** Matches every text any term of `text` could match (and more); null when there are no terms. */
  quick: RegExp | null;
  /** The text filters naming nothing to look for: they take every post with images. */
  everything: readonly CompiledFilter[];
  /** Each text check some filter uses, with its bit, its filters and the strongest action among them. */
  textChecks: ReadonlyArray<{
    check: TextCheck;
    bit: number;
    strength: number;
    filters: readonly CompiledFilter[];
  }>;
  /** Filters with example images ("hide images like this"). */
  examples: readonly CompiledFilter[];
  examplesStrength: number;
  /** Filters on what images show (on-device image models). */
  content: readonly ContentFilter[];
  contentStrength: number;
  /** Filters that look for their words in the text inside images (the inference node's OCR). */
  imageText: readonly CompiledFilter[];
  /** Filters that blur faces in the images of the posts their words match (or of every post). */
  faces: readonly CompiledFilter[];
  /** Whether some filter asks who posted or what kind of post it is (its gate). */
  gated: boolean;
  /** Learned filters ("Hide posts like this") on the post's text, strongest first, each with its model. */
  learned: ReadonlyArray<{ filter: CompiledFilter; matcher: LearnedMatcher }>;
}

const byStrength = (a: CompiledFilter, b: CompiledFilter) =>
  ACTION_STRENGTH[b.filter.action] - ACTION_STRENGTH[a.filter.action];

const strongest = (filters: readonly CompiledFilter[]) =>
  Math.max(-1, ...filters.map((f) => ACTION_STRENGTH[f.filter.action]));

export function compileRulebook(filters: readonly Filter[], context: FilterContext = {}): Rulebook {
  const all = compileFilters(filters, context);
  const wholePost = all.filter((f) => f.filter.action !== 'blur-faces');
  const text = wholePost.filter((f) => f.filter.lookIn.includes('text')).sort(byStrength);
  const examples = text.filter((f) => f.filter.imageExamples.length > 0);
  const content = wholePost
    .filter((f) => f.filter.lookIn.includes('image-content'))
    .sort(byStrength)
    .map((filter) => {
      const { nsfw, objects } = imageConceptsFor(filter.filter.words);
      return { filter, nsfw, objects };
    })
    .filter(({ nsfw, objects }) => nsfw.length > 0 || objects.length > 0);
  return {
    all,
    text,
    quick: anyTermPattern(text),
    everything: text.filter((f) => f.matchesEverything),
    textChecks: TEXT_CHECKS.map((check, index) => {
      const filters = text.filter((f) => check.serves(f.filter));
      return { check, bit: textCheckBit(index), strength: strongest(filters), filters };
    }).filter(({ filters }) => filters.length > 0),
    examples,
    examplesStrength: strongest(examples),
    content,
    contentStrength: strongest(content.map(({ filter }) => filter)),
    imageText: wholePost
      .filter((f) => f.filter.lookIn.includes('image-text') && f.terms.length > 0)
      .sort(byStrength),
    faces: all.filter((f) => f.filter.action === 'blur-faces'),
    gated: all.some((f) => f.gate !== null),
    learned: text.flatMap((filter) => {
      if (!filter.filter.learned) return [];
      // The list was checked before it reached here; a model that still cannot be read matches nothing.
      try {
        return [{ filter, matcher: new LearnedMatcher(filter.filter.learned) }];
      } catch {
        return [];
      }
    }),
  };
}
