import { describe, expect, it } from 'vitest';
import { adapterFor, FEED_MATCHES, SITE_ADAPTERS, siteLabel, sites } from './sites.ts';

describe('sites, as the adapters declare them', () => {
  it('collects every adapter in content/adapters', () => {
    expect(SITE_ADAPTERS.length).toBeGreaterThanOrEqual(6);
    for (const adapter of SITE_ADAPTERS) {
      expect(adapter.label, adapter.site).toBeTruthy();
      expect(adapter.postSelector, adapter.site).toBeTruthy();
    }
  });

  it('lists each site once, with its name', () => {
    expect(sites().map((s) => s.id)).toEqual(['bluesky', 'mastodon', 'reddit', 'x', 'youtube']);
    expect(siteLabel('youtube')).toBe('YouTube');
    expect(siteLabel('unknown')).toBe('unknown');
  });

  it('finds the adapter for a page by its address, and the any-host adapter for an enabled instance', () => {
    expect(adapterFor('https://x.com/home')?.site).toBe('x');
    expect(adapterFor('https://twitter.com/someone/status/1')?.site).toBe('x');
    expect(adapterFor('https://old.reddit.com/r/pics/')?.postSelector).toContain('div.thing');
    expect(adapterFor('https://www.reddit.com/r/pics/')?.postSelector).toContain('shreddit-post');
    expect(adapterFor('https://mastodon.social/home')?.site).toBe('mastodon');
    expect(FEED_MATCHES).toContain('https://www.youtube.com/*');
    expect(FEED_MATCHES).not.toContain('https://studio.youtube.com/*');
  });
});
