import type { AuthorBadge, PostKind } from '@veneer/shared/filters';
import type { SiteDefinition } from '../content/site-adapter.ts';

type Telling = Pick<SiteDefinition, 'site' | 'label' | 'tells'>;

/** The names of the sites (each once, in the order given) some of whose pages pass `test`. */
function siteNames(definitions: readonly Telling[], test: (d: Telling) => boolean): string[] {
  const names: string[] = [];
  for (const definition of definitions)
    if (test(definition) && !names.includes(definition.label)) names.push(definition.label);
  return names;
}

/** The sites that mark a kind of post ("X, Reddit, Bluesky, Mastodon" for a repost). */
export const sitesMarking = (definitions: readonly Telling[], kind: PostKind) =>
  siteNames(definitions, (d) => d.tells.kinds.includes(kind));

/** The sites that show an author's badge, and those that show none. */
export function sitesWithBadges(definitions: readonly Telling[]): { shown: string[]; none: string[] } {
  const shown = siteNames(definitions, (d) => d.tells.badge);
  return { shown, none: siteNames(definitions, () => true).filter((name) => !shown.includes(name)) };
}

/**
 * Why a filter's kinds or badge would take nothing on the sites it is for (all when it names
 * none): none of its kinds is marked there (its kinds are any-of), or none of them shows badges.
 */
export function takesNothing(
  definitions: readonly Telling[],
  filter: { kinds: readonly PostKind[]; badge?: AuthorBadge; sites: readonly string[] },
): { kinds: boolean; badge: boolean } {
  const on = filter.sites.length ? definitions.filter((d) => filter.sites.includes(d.site)) : definitions;
  return {
    kinds:
      filter.kinds.length > 0 && !filter.kinds.some((kind) => on.some((d) => d.tells.kinds.includes(kind))),
    badge: filter.badge !== undefined && !on.some((d) => d.tells.badge),
  };
}
