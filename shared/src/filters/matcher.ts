import { type Gate, gateOf } from './accounts.ts';
import { reasonWords } from './reason-words.ts';
import type { Filter } from './schema.ts';
import { TermSearch } from './term-search.ts';
import { parseTerms, splitTerms, type Term } from './terms.ts';
import type { Site } from './vocabulary.ts';

export interface CompiledFilter {
  readonly filter: Filter;
  /** Human label used in reasons ("Hidden by Veneer: spiders"). */
  readonly label: string;
  /**
   * True when the filter names nothing to look for in a post's text or images: it applies to
   * every post its gate admits (and, for the image actions, has images).
   */
  readonly matchesEverything: boolean;
  /** Who the post must be from and what kind it must be; null when the filter asks nothing of that. */
  readonly gate: Gate | null;
  /** The terms it looks for (exclusions left out). */
  readonly terms: readonly Term[];
  /** Returns the term that matched (its label), or null. */
  match(text: string): string | null;
  /**
   * Whether one of its exclusions (`not: ...`) is in the text: a filter that names only
   * exclusions ("from @elon, not: spacex") takes every post its gate admits but these.
   */
  spares(text: string): boolean;
}

/**
 * One regular expression that matches every text any of the filters' terms could match (and
 * more): a post it does not match needs no other test. Null when there are no terms.
 */
export function anyTermPattern(filters: readonly CompiledFilter[]): RegExp | null {
  const cores = filters.flatMap((f) => f.terms.map((t) => `(?:${t.core})`));
  return cores.length ? new RegExp(cores.join('|'), 'iu') : null;
}

/** Splits a filter's plain words into terms: "spiders, crypto giveaway" -> ["spiders", "crypto giveaway"]. */
export function filterTerms(words: string): string[] {
  return splitTerms(words);
}

/**
 * Compiles a filter once into a matcher: exclusions are blanked out of the text first, then each
 * term is one regular-expression test. Terms the list schema would refuse are skipped here.
 */
export function compileFilter(filter: Filter): CompiledFilter {
  const { terms } = parseTerms(filter.words);
  const looksFor = terms.filter((t) => t.kind !== 'exclude');
  // Compiled on first use: most filters never see a post their words could match (anyTermPattern).
  let searches: { looksFor: TermSearch[]; exclusions: TermSearch[] } | null = null;
  const excluded = terms.filter((t) => t.kind === 'exclude');
  let exclusions: TermSearch[] | null = null;
  return {
    filter,
    label: filter.classifier
      ? reasonWords().classifier[filter.classifier]
      : looksFor.length > 0
        ? looksFor.map((t) => t.label).join(', ')
        : filter.learned
          ? reasonWords().learned
          : filter.imageExamples.length > 0
            ? reasonWords().imageLike
            : gateLabel(filter),
    matchesEverything:
      looksFor.length === 0 && !filter.classifier && filter.imageExamples.length === 0 && !filter.learned,
    gate: gateOf(filter),
    terms: looksFor,
    match(text: string) {
      if (looksFor.length === 0) return null;
      searches ??= {
        looksFor: looksFor.map((t) => new TermSearch(t)),
        exclusions: terms.filter((t) => t.kind === 'exclude').map((t) => new TermSearch(t)),
      };
      let remaining = text;
      for (const exclusion of searches.exclusions) remaining = exclusion.blank(remaining);
      for (let i = 0; i < looksFor.length; i++)
        if (searches.looksFor[i]!.find(remaining)) return looksFor[i]!.label;
      return null;
    },
    spares(text: string) {
      if (excluded.length === 0 || text === '') return false;
      exclusions ??= excluded.map((t) => new TermSearch(t));
      return exclusions.some((exclusion) => exclusion.find(text) !== null);
    },
  };
}

/**
 * How a filter that names only accounts, kinds or a badge gives its reason: "repost", "from
 * @alice", "reply from a verified account".
 */
function gateLabel(filter: Filter): string {
  const kinds = (filter.kinds ?? []).map((kind) => reasonWords().kind[kind]).join(', ');
  const badge = filter.badge ? reasonWords().badge[filter.badge] : '';
  const from = filter.from?.length
    ? reasonWords().from.replace(
        '{accounts}',
        `${filter.from.slice(0, 2).join(', ')}${filter.from.length > 2 ? '…' : ''}`,
      )
    : '';
  return [kinds, badge, from].filter(Boolean).join(' ');
}

export interface FilterContext {
  /** The site the post is on; filters limited to other sites are left out. */
  site?: Site;
  /** Filters whose expiry has passed are left out (epoch ms). */
  now?: number;
  /** Accounts and communities whose posts no filter changes (the allowlist; `from`'s forms). */
  alwaysShow?: readonly string[];
}

export function isFilterActive(filter: Filter, { site, now = Date.now() }: FilterContext = {}): boolean {
  if (!filter.enabled) return false;
  if (filter.expiresAt !== undefined && filter.expiresAt <= now) return false;
  if (site && filter.sites.length > 0 && !filter.sites.includes(site)) return false;
  return true;
}

export function compileFilters(filters: readonly Filter[], context: FilterContext = {}): CompiledFilter[] {
  return filters.filter((filter) => isFilterActive(filter, context)).map(compileFilter);
}
