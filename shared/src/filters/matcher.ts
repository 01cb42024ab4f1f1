import { type Filter, TEXT_CLASSIFIER_LABELS } from './schema.ts';
import { wordFormsPattern } from './word-forms.ts';

export interface CompiledFilter {
  readonly filter: Filter;
  /** Human label used in reasons ("Hidden by Veneer: spiders"). */
  readonly label: string;
  /** True when the filter names no words and so applies to every post. */
  readonly matchesEverything: boolean;
  /** Returns the term that matched, or null. */
  match(text: string): string | null;
}

/** Splits a filter's plain words into terms: "spiders, crypto giveaway" -> ["spiders", "crypto giveaway"]. */
export function filterTerms(words: string): string[] {
  return words
    .split(/[,\n]/)
    .map((term) => term.trim().replace(/\s+/g, ' '))
    .filter((term) => term.length > 0);
}

/** Compiles a filter once into a matcher; matching a post is then one regular-expression test per term. */
export function compileFilter(filter: Filter): CompiledFilter {
  const terms = filterTerms(filter.words);
  const patterns = terms.map((term) => {
    const words = term.toLowerCase().split(' ').map(wordFormsPattern);
    // Word boundaries that work for any script: no letter or digit just before or after.
    return { term, regex: new RegExp(`(?<![\\p{L}\\p{N}])${words.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu') };
  });
  return {
    filter,
    label: filter.classifier ? TEXT_CLASSIFIER_LABELS[filter.classifier] : terms.join(', '),
    matchesEverything: terms.length === 0 && !filter.classifier,
    match(text: string) {
      for (const { term, regex } of patterns) if (regex.test(text)) return term;
      return null;
    },
  };
}

export function compileFilters(filters: readonly Filter[]): CompiledFilter[] {
  return filters.filter((filter) => filter.enabled).map(compileFilter);
}
