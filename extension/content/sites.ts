import { MatchPattern } from '@webext-core/match-patterns';
import type { SiteDefinition } from './site-adapter.ts';

/**
 * Every site: each file of content/adapters/ but the tests, whose default export declares the
 * site. Adding a site is adding an adapter there (with its test and fixture); the manifest
 * (wxt.config.ts), the feed content script, the popup, the options page and the selector packs
 * read this.
 */
export const SITE_DEFINITIONS: readonly SiteDefinition[] = Object.values(
  import.meta.glob<SiteDefinition>(['./adapters/*.ts', '!./adapters/*.test.ts'], {
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
  [...new Map(SITE_DEFINITIONS.map((d) => [d.site, { id: d.site, label: d.label }])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );

export const siteLabel = (id: string) => sites().find((s) => s.id === id)?.label ?? id;

/** The site definition of an adapter id (a pack's `adapter`). */
export const siteDefinition = (id: string) => SITE_DEFINITIONS.find((d) => d.id === id);

/** Match patterns of every page a feed adapter reads (the feed content script's matches). */
export const FEED_MATCHES = [...new Set(SITE_DEFINITIONS.flatMap((d) => d.matches))];

/**
 * The site of a page: the one whose patterns match its address, else (a page the user turned
 * Veneer on for, where the script was registered at runtime) the one for sites on any host.
 */
export function siteFor(url: string): SiteDefinition | undefined {
  return (
    SITE_DEFINITIONS.find((d) => d.matches.some((pattern) => new MatchPattern(pattern).includes(url))) ??
    SITE_DEFINITIONS.find((d) => d.matches.length === 0)
  );
}
