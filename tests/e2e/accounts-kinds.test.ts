import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, extensionWithGrantedOrigins, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { turnOnMastodon } from './extension-pages.ts';
import { actionsOn, openJudgedFeed, serveHtml } from './feed-pages.ts';
import { MASTODON_HOST, mastodonHtml } from './fixtures/mastodon.ts';
import { type FixturePost, redditFeedHtml } from './fixtures/reddit-feed.ts';
import { blueskyHtml, oldRedditHtml } from './fixtures/small-feeds.ts';
import { DISCOVER_TWEETS, KIND_TWEETS, xTimelineHtml } from './fixtures/x-timeline.ts';
import {
  KIND_VIDEOS,
  SEARCH,
  SHELF_SHORTS,
  youtubeHomeHtml,
  youtubeSearchHtml,
  youtubeWatchHtml,
} from './fixtures/youtube.ts';
import { waitFor } from './wait.ts';

/**
 * Filters by kind of post and the allowlist, on every site: reposts, promoted posts and Shorts
 * hidden by their kind; a spider post collapsed, unless its account is on the allowlist; and a
 * notice's "Always show this account" puts an account there from the page.
 */
let browser: ExtensionBrowser;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

const FILTERS = [
  { id: 'reposts', words: '', kinds: ['repost'], action: 'hide' },
  { id: 'promoted', words: '', kinds: ['promoted'], action: 'hide' },
  { id: 'shorts', words: '', kinds: ['short'], action: 'hide', sites: ['youtube'] },
  { id: 'suggested', words: '', kinds: ['suggested'], action: 'hide', sites: ['x'] },
  { id: 'spiders', words: 'spiders', action: 'collapse' },
];
const ALWAYS_SHOW = ['@TestQuoter', 'u/user_r1', 'Nature Now', 'alice.bsky.social', '@ann', 'u/oldalice'];

const REDDIT: FixturePost[] = [
  { id: 't3_r1', title: 'Spiders in my sink', expect: {} },
  { id: 't3_r2', title: 'Spiders on the wall', expect: {} },
  { id: 't3_r3', title: 'Buy the best vacuum', expect: {}, kind: 'ad' },
  { id: 't3_r4', title: 'A crossposted sunset', expect: {}, kind: 'crosspost' },
  { id: 't3_r5', title: 'My cat in a box', expect: {} },
];

async function useAlwaysShow(list: string[]): Promise<void> {
  await browser.serviceWorker.evaluate(async (alwaysShow) => {
    const { 'veneer.settings': settings } = await chrome.storage.local.get('veneer.settings');
    await chrome.storage.local.set({ 'veneer.settings': { ...settings, alwaysShow } });
  }, list);
  await waitFor('the allowlist to reach the feed pages', () =>
    browser.serviceWorker.evaluate(async (wanted) => {
      const { 'veneer.feed-config': config } = await chrome.storage.local.get('veneer.feed-config');
      return JSON.stringify((config as unknown as { alwaysShow?: string[] })?.alwaysShow) === wanted;
    }, JSON.stringify(list)),
  );
}

beforeAll(async () => {
  browser = await launchWithExtension({
    extensionPath: extensionWithGrantedOrigins([`https://${MASTODON_HOST}/*`]),
  });
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ first: KIND_TWEETS, pages: 0 }));
  // Routed after the timeline's, so it wins for a post's page: "Discover more" after its reply.
  await serveHtml(browser, 'https://x.com/*/status/**', () =>
    xTimelineHtml({ first: DISCOVER_TWEETS, pages: 0, discoverMore: 2 }),
  );
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it', REDDIT));
  await serveHtml(browser, 'https://www.youtube.com/**', () =>
    youtubeHomeHtml({ videos: KIND_VIDEOS, shortsShelf: SHELF_SHORTS }),
  );
  // Routed after the home page's, so it wins for watch pages: a real captured one (../shared/data/dom).
  await serveHtml(browser, 'https://www.youtube.com/watch**', youtubeWatchHtml);
  await serveHtml(browser, 'https://www.youtube.com/results**', youtubeSearchHtml);
  await serveHtml(browser, 'https://bsky.app/**', () =>
    blueskyHtml([
      { id: '3kb01', author: 'alice.bsky.social', text: 'Spiders on my balcony' },
      { id: '3kb02', author: 'bob.bsky.social', text: 'Spiders on my desk' },
      { id: '3kb03', author: 'carol.test', text: 'A sunny day', repostedBy: 'dan.test' },
      { id: '3kb04', author: 'erin.test', text: 'Coffee time' },
    ]),
  );
  await serveHtml(browser, 'https://old.reddit.com/**', () =>
    oldRedditHtml([
      { id: 't3_o1', author: 'oldalice', text: 'Spiders in the attic' },
      { id: 't3_o2', author: 'oldbob', text: 'Spiders in the shed' },
      { id: 't3_o3', author: 'brand', text: 'Try our new app', promoted: true },
    ]),
  );
  await serveHtml(browser, `https://${MASTODON_HOST}/**`, () =>
    mastodonHtml(MASTODON_HOST, [
      { id: '113000000000000011', account: 'ann', text: 'Spiders spin webs' },
      { id: '113000000000000012', account: 'ben', text: 'Spiders in the garden' },
      { id: '113000000000000013', account: 'cat', text: 'Fresh bread', boostedBy: 'dee' },
      { id: '113000000000000014', account: 'eve', text: 'A quiet morning' },
    ]),
  );
  await useFiltersOnDevice(browser, FILTERS);
  await useAlwaysShow(ALWAYS_SHOW);
});

afterAll(async () => {
  await browser?.close();
});

const feed = (url: string, selector: string, count: number) => openJudgedFeed(browser, url, selector, count);

describe('kinds of post and the allowlist, on every site', () => {
  it("X: a repost and a promoted tweet hidden by kind; the allowlisted account's spider tweet left alone", async () => {
    const page = await feed('https://x.com/home', 'article', KIND_TWEETS.length);
    expect(await actionsOn(page, 'article')).toEqual({
      '4000': null,
      '4001': null,
      '4002': 'hide',
      '4003': null,
      '4004': 'hide',
      '4005': null,
      '4006': 'collapse',
      '4007': null, // @TestQuoter, on the allowlist
      '4008': 'collapse',
    });
    await page.close();
  });

  it('X, a post\'s page: the tweets under "Discover more" hidden as suggested, though its heading comes after them', async () => {
    const page = await feed('https://x.com/TestUser123/status/4200', 'article', DISCOVER_TWEETS.length);
    // Judged once before the heading shows (300 ms later), then again under it.
    const actions = await waitFor('the tweets under "Discover more" hidden', async () => {
      const now = await actionsOn(page, 'article');
      return now['4202'] === 'hide' && now['4204'] === 'hide' ? now : null;
    });
    // 4203 (a quote by @TestQuoter, on the allowlist) is suggested too, and the allowlist wins.
    expect(actions).toEqual({ '4200': null, '4201': null, '4202': 'hide', '4203': null, '4204': 'hide' });
    await page.screenshot({ path: screenshot('x-discover-more-hidden.png'), fullPage: true });
    await page.close();
  });

  it('Reddit: an ad and a crosspost hidden; u/user_r1 left alone', async () => {
    const page = await feed(
      'https://www.reddit.com/r/pics/',
      'shreddit-post, shreddit-ad-post',
      REDDIT.length,
    );
    const actions = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('shreddit-post, shreddit-ad-post')].map((p) => [
          p.id,
          p.getAttribute('data-veneer-action'),
        ]),
      ),
    );
    expect(actions).toEqual({ t3_r1: null, t3_r2: 'collapse', t3_r3: 'hide', t3_r4: 'hide', t3_r5: null });
    await page.close();
  });

  it('YouTube: a Short, the Shorts shelf (its heading too) and an ad hidden; the allowlisted channel left alone', async () => {
    const page = await feed(
      'https://www.youtube.com/',
      'ytd-rich-item-renderer',
      KIND_VIDEOS.length + SHELF_SHORTS.length,
    );
    expect(await actionsOn(page, 'ytd-rich-item-renderer')).toEqual({
      vid00000031: null,
      vid00000032: 'hide',
      vid00000033: 'hide',
      vid00000034: null, // Nature Now, on the allowlist
      vid00000035: 'collapse',
      // Read with their shelf, not one by one ("spiders" would have collapsed the first).
      short000041: null,
      short000042: null,
    });
    // The section around the shelf goes, its heading with it.
    const shelf = page.locator('ytd-rich-section-renderer');
    await expect.poll(() => shelf.getAttribute('data-veneer-action')).toBe('hide');
    expect(await shelf.isVisible()).toBe(false);
    expect(await page.getByText('Shorts', { exact: true }).isVisible()).toBe(false);
    await page.screenshot({ path: screenshot('youtube-kinds.png') });
    await page.close();
  });

  it("YouTube, a real captured watch page: the sidebar's promoted video hidden, its 19 videos left alone", async () => {
    const sidebar = 'ytd-compact-video-renderer, ytd-compact-promoted-video-renderer';
    const page = await feed('https://www.youtube.com/watch?v=IzFmNQGzApQ', sidebar, 20);
    const actions = await page.evaluate(
      (sidebar) =>
        [...document.querySelectorAll(sidebar)].map((item) => [
          item.tagName.toLowerCase(),
          item.getAttribute('data-veneer-action'),
        ]),
      sidebar,
    );
    expect(actions[0]).toEqual(['ytd-compact-promoted-video-renderer', 'hide']);
    expect(actions.slice(1)).toEqual(Array(19).fill(['ytd-compact-video-renderer', null]));
    expect(await page.locator('ytd-compact-promoted-video-renderer').isVisible()).toBe(false);
    await page.close();
  });

  it('Bluesky: a repost hidden; the allowlisted handle left alone', async () => {
    const page = await feed('https://bsky.app/', '[data-testid^="feedItem-by-"]', 4);
    expect(await actionsOn(page, '[data-testid^="feedItem-by-"]')).toEqual({
      '3kb01': null,
      '3kb02': 'collapse',
      '3kb03': 'hide',
      '3kb04': null,
    });
    await page.close();
  });

  it('old Reddit: a promoted thing hidden; u/oldalice left alone', async () => {
    const page = await feed('https://old.reddit.com/r/pics/', '.thing', 3);
    expect(await actionsOn(page, '.thing')).toEqual({ t3_o1: null, t3_o2: 'collapse', t3_o3: 'hide' });
    await page.close();
  });

  it('Mastodon: a boost hidden; @ann (of this instance) left alone', async () => {
    const page = await turnOnMastodon(browser, MASTODON_HOST);
    await expect.poll(() => page.locator('.status[data-veneer-state]').count(), { timeout: 15_000 }).toBe(4);
    expect(await actionsOn(page, '.status')).toEqual({
      '113000000000000011': null,
      '113000000000000012': 'collapse',
      '113000000000000013': 'hide',
      '113000000000000014': null,
    });
    await page.close();
  });

  it('"Always show this account" on a notice puts the account on the allowlist, and its posts show', async () => {
    const page = await feed('https://x.com/home', 'article', KIND_TWEETS.length);
    const notice = page
      .locator('article[data-fixture-id="4008"]')
      .locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await notice.textContent()).toBe(
      'Modified by Veneercollapsed: spidersShow originalHide posts like thisAlways show this account',
    );
    expect(await notice.getByRole('button', { name: 'Always show this account' }).getAttribute('title')).toBe(
      'Always show posts from @TestUser123',
    );
    await notice.getByRole('button', { name: 'Always show this account' }).click();
    await expect
      .poll(() => page.locator('article[data-fixture-id="4008"]').getAttribute('data-veneer-action'))
      .toBeNull();
    // The allowlist wins over every filter: the same account's repost and ad show too.
    expect(
      await page.locator('article[data-fixture-id="4002"]').getAttribute('data-veneer-action'),
    ).toBeNull();
    expect(
      await page.locator('article[data-fixture-id="4004"]').getAttribute('data-veneer-action'),
    ).toBeNull();
    const settings = await browser.serviceWorker.evaluate(
      async () => (await chrome.storage.local.get('veneer.settings'))['veneer.settings'],
    );
    expect((settings as unknown as { alwaysShow: string[] }).alwaysShow).toEqual([
      ...ALWAYS_SHOW,
      '@TestUser123',
    ]);
    await page.close();
  });

  it('YouTube, "hide recommended videos": the home feed and the videos beside a video (a real captured watch page) go, search results stay', async () => {
    await useFiltersOnDevice(browser, [
      ...FILTERS,
      { id: 'recommended', words: '', kinds: ['suggested'], action: 'hide', sites: ['youtube'] },
    ]);
    await useAlwaysShow(ALWAYS_SHOW); // the settings were written anew with the filters
    const home = await feed(
      'https://www.youtube.com/',
      'ytd-rich-item-renderer',
      KIND_VIDEOS.length + SHELF_SHORTS.length,
    );
    expect(await actionsOn(home, 'ytd-rich-item-renderer')).toEqual({
      vid00000031: 'hide',
      vid00000032: 'hide',
      vid00000033: 'hide',
      vid00000034: null, // Nature Now, on the allowlist
      vid00000035: 'hide',
      short000041: null, // read with their shelf, which goes whole
      short000042: null,
    });
    expect(await home.locator('ytd-rich-section-renderer').getAttribute('data-veneer-action')).toBe('hide');
    await home.close();
    const sidebar = 'ytd-compact-video-renderer, ytd-compact-promoted-video-renderer';
    const watch = await feed('https://www.youtube.com/watch?v=IzFmNQGzApQ', sidebar, 20);
    const actions = await watch.evaluate(
      (sidebar) =>
        [...document.querySelectorAll(sidebar)].map((item) => item.getAttribute('data-veneer-action')),
      sidebar,
    );
    expect(actions).toEqual(Array(20).fill('hide'));
    await watch.close();
    const search = await feed(
      'https://www.youtube.com/results?search_query=shed',
      'ytd-video-renderer',
      SEARCH.length,
    );
    expect(await actionsOn(search, 'ytd-video-renderer')).toEqual(
      Object.fromEntries(SEARCH.map((video) => [video.id, null])),
    );
    await search.close();
  });
});
