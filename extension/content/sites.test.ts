import { describe, expect, it } from 'vitest';
import { FEED_MATCHES, SITE_DEFINITIONS, siteFor, siteLabel, sites } from './sites.ts';

describe('sites, as the adapters declare them', () => {
  it('collects every adapter in content/adapters, each with a pack for itself that its reader reads', () => {
    expect(SITE_DEFINITIONS.length).toBeGreaterThanOrEqual(6);
    for (const site of SITE_DEFINITIONS) {
      expect(site.label, site.id).toBeTruthy();
      expect(site.pack.adapter, site.id).toBe(site.id);
      expect(site.reader(site.pack).postSelector, site.id).toBeTruthy();
      for (const [rule, value] of Object.entries(site.pack.rules)) expect(site.rules[rule]).toContain(value);
    }
  });

  it('lists each site once, with its name', () => {
    expect(sites().map((s) => s.id)).toEqual(['bluesky', 'mastodon', 'reddit', 'x', 'youtube']);
    expect(siteLabel('youtube')).toBe('YouTube');
    expect(siteLabel('unknown')).toBe('unknown');
  });

  it('finds the adapter for a page by its address, and the any-host adapter for an enabled instance', () => {
    expect(siteFor('https://x.com/home')?.id).toBe('x');
    expect(siteFor('https://twitter.com/someone/status/1')?.id).toBe('x');
    expect(siteFor('https://old.reddit.com/r/pics/')?.id).toBe('old-reddit');
    expect(siteFor('https://www.reddit.com/r/pics/')?.id).toBe('reddit');
    expect(siteFor('https://mastodon.social/home')?.id).toBe('mastodon');
    expect(FEED_MATCHES).toContain('https://www.youtube.com/*');
    expect(FEED_MATCHES).not.toContain('https://studio.youtube.com/*');
  });
});
