import { describe, expect, it } from 'vitest';
import { SITE_DEFINITIONS } from '../content/sites.ts';
import { sitesMarking, sitesWithBadges, takesNothing } from './where-marked.ts';

/** Fake sites: "A" marks reposts and shows badges, on two adapters; "B" marks Shorts only. */
const FAKES = [
  { site: 'a', label: 'A', tells: { kinds: ['original', 'repost'] as const, badge: true } },
  { site: 'a', label: 'A', tells: { kinds: ['original', 'reply'] as const, badge: false } },
  { site: 'b', label: 'B', tells: { kinds: ['short'] as const, badge: false } },
];

describe('where kinds of post and badges are marked', () => {
  it('names each site once, for every adapter of it that marks the kind', () => {
    expect(sitesMarking(FAKES, 'repost')).toEqual(['A']);
    expect(sitesMarking(FAKES, 'reply')).toEqual(['A']);
    expect(sitesMarking(FAKES, 'short')).toEqual(['B']);
    expect(sitesMarking(FAKES, 'live')).toEqual([]);
    expect(sitesWithBadges(FAKES)).toEqual({ shown: ['A'], none: ['B'] });
  });

  it('says when a filter would take nothing on the sites it is for', () => {
    expect(takesNothing(FAKES, { kinds: ['short'], sites: ['a'] })).toEqual({ kinds: true, badge: false });
    // Its kinds are any-of: one marked there is enough.
    expect(takesNothing(FAKES, { kinds: ['short', 'repost'], sites: ['a'] }).kinds).toBe(false);
    expect(takesNothing(FAKES, { kinds: ['short'], sites: [] }).kinds).toBe(false);
    expect(takesNothing(FAKES, { kinds: [], badge: 'verified', sites: ['b'] })).toEqual({
      kinds: false,
      badge: true,
    });
    expect(takesNothing(FAKES, { kinds: [], badge: 'none', sites: [] }).badge).toBe(false);
  });

  it("Veneer's own sites: as docs/filters.md's table says", () => {
    expect(sitesMarking(SITE_DEFINITIONS, 'repost').sort()).toEqual(['Bluesky', 'Mastodon', 'Reddit', 'X']);
    expect(sitesMarking(SITE_DEFINITIONS, 'quote').sort()).toEqual(['Bluesky', 'Mastodon', 'X']);
    expect(sitesMarking(SITE_DEFINITIONS, 'promoted').sort()).toEqual(['Reddit', 'X', 'YouTube']);
    expect(sitesMarking(SITE_DEFINITIONS, 'short')).toEqual(['YouTube']);
    expect(sitesMarking(SITE_DEFINITIONS, 'live')).toEqual(['YouTube']);
    expect(sitesMarking(SITE_DEFINITIONS, 'suggested').sort()).toEqual(['X', 'YouTube']);
    expect(sitesMarking(SITE_DEFINITIONS, 'reply')).toHaveLength(5);
    const { shown, none } = sitesWithBadges(SITE_DEFINITIONS);
    expect([shown.sort(), none.sort()]).toEqual([
      ['Bluesky', 'X', 'YouTube'],
      ['Mastodon', 'Reddit'],
    ]);
  });
});
