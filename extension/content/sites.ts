import { MatchPattern } from '@webext-core/match-patterns';
import type { SiteAdapter } from './site-adapter.ts';

/**
 * Every site adapter: each file of content/adapters/ but the tests, whose default export
 * declares the site. Adding a site is adding an adapter there (with its test and fixture); the
 * manifest (wxt.config.ts), the feed content script, the popup and the options page read this.
 */
export const SITE_ADAPTERS: readonly SiteAdapter[] = Object.values(
  import.meta.glob<SiteAdapter>(['./adapters/*.ts', '!./adapters/*.test.ts'], {
    eager: true,
    import: 'default',
  }),
);

/**
 * The sites filters can name, with their names, sorted by id. Worked out when asked (the popup
 * and options page ask; a feed page never does): the first locale-aware comparison in a page
 * loads the browser's collation data, several milliseconds of a feed page's start.
 */
export const sites = (): ReadonlyArray<{ id: string; label: string }> =>
  [...new Map(SITE_ADAPTERS.map((a) => [a.site, { id: a.site, label: a.label }])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );

export const siteLabel = (id: string) => sites().find((s) => s.id === id)?.label ?? id;

/** Match patterns of every page a feed adapter reads (the feed content script's matches). */
export const FEED_MATCHES = [...new Set(SITE_ADAPTERS.flatMap((a) => a.matches))];

/**
 * The adapter for a page: the one whose patterns match its address, else (a page the user turned
 * Veneer on for, where the script was registered at runtime) the adapter for sites on any host.
 */
export function adapterFor(url: string): SiteAdapter | undefined {
  return (
    SITE_ADAPTERS.find((a) => a.matches.some((pattern) => new MatchPattern(pattern).includes(url))) ??
    SITE_ADAPTERS.find((a) => a.matches.length === 0)
  );
}
