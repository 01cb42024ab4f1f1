import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, extensionWithGrantedOrigins, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { turnOnMastodon } from './extension-pages.ts';
import { serveHtml } from './feed-pages.ts';
import { MASTODON_HOST, mastodonHtml } from './fixtures/mastodon.ts';
import { redditFeedHtml } from './fixtures/reddit-feed.ts';
import { blueskyHtml } from './fixtures/small-feeds.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';
import { youtubeHomeHtml } from './fixtures/youtube.ts';

/**
 * Veneer's notices on each of the five sites, in the site's light and dark looks: they take the
 * page's theme, show their reason in full and stay inside their post. The dark look is the
 * site's own dark background and text colour put on the fixture page (what Veneer reads to follow
 * a theme). Screenshots: .tmp/screenshots/notices-<site>-<light|dark>.png.
 */
const SITES = [
  { site: 'x', url: 'https://x.com/home', post: 'article', dark: '#15202b' },
  { site: 'reddit', url: 'https://www.reddit.com/r/pics/', post: 'shreddit-post', dark: '#0e1113' },
  { site: 'youtube', url: 'https://www.youtube.com/', post: 'ytd-rich-item-renderer', dark: '#0f0f0f' },
  { site: 'bluesky', url: 'https://bsky.app/', post: '[data-testid^="feedItem-by-"]', dark: '#161e27' },
  { site: 'mastodon', url: `https://${MASTODON_HOST}/home`, post: '.status[data-id]', dark: '#191b22' },
] as const;
/** A notice's background by theme: a warning has its own (amber), every other action the same. */
const NOTICE = {
  light: { other: 'rgb(241, 243, 245)', warn: 'rgb(255, 243, 191)' },
  dark: { other: 'rgb(30, 34, 40)', warn: 'rgb(58, 46, 5)' },
};
let browser: ExtensionBrowser;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

beforeAll(async () => {
  browser = await launchWithExtension({
    extensionPath: extensionWithGrantedOrigins([`https://${MASTODON_HOST}/*`]),
  });
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it'));
  await serveHtml(browser, 'https://www.youtube.com/**', () => youtubeHomeHtml());
  await serveHtml(browser, 'https://bsky.app/**', () => blueskyHtml());
  await serveHtml(browser, `https://${MASTODON_HOST}/**`, () => mastodonHtml(MASTODON_HOST));
  await useFiltersOnDevice(browser, [
    { id: 'spiders', words: 'spiders, tarantula, lo-fi', action: 'collapse' },
    { id: 'election', words: 'election', action: 'warn' },
  ]);
  // Veneer on for the Mastodon instance, as the popup turns it on.
  await (await turnOnMastodon(browser, MASTODON_HOST)).close();
});

afterAll(async () => {
  await browser?.close();
});

async function notices(page: Page, post: string) {
  return page.$$eval(
    '[data-veneer-badge]',
    (badges, post) =>
      badges
        .filter((badge) => badge.getClientRects().length > 0)
        .map((badge) => {
          const reason = badge.querySelector('span')!;
          const box = badge.getBoundingClientRect();
          const holder = (badge.closest(post) ?? badge.parentElement!).getBoundingClientRect();
          return {
            cut: reason.scrollWidth > reason.clientWidth + 1 || reason.getBoundingClientRect().width < 40,
            outside: box.left < holder.left - 1 || box.right > holder.right + 1,
            background: getComputedStyle(badge).backgroundColor,
            action: badge.getAttribute('data-veneer-badge'),
          };
        }),
    post,
  );
}

describe("notices in each site's light and dark looks", () => {
  for (const { site, url, post, dark } of SITES)
    for (const theme of ['light', 'dark'] as const)
      it(`${site}, ${theme}`, async () => {
        const page = await browser.context.newPage();
        // The site's look: its light or dark background and text colours.
        await page.addInitScript(
          ([background, text]) => {
            // Painted once the page has loaded (after Veneer first looked at it, as a theme switched late).
            document.addEventListener('DOMContentLoaded', () => {
              const style = document.createElement('style');
              style.textContent = `html, body { background: ${background} !important; color: ${text} !important; }`;
              document.head.append(style);
            });
          },
          theme === 'dark' ? [dark, '#e7e9ea'] : ['#ffffff', '#0f1419'],
        );
        await page.goto(url);
        await expect
          .poll(() => page.locator(`${post}[data-veneer-state]`).count(), { timeout: 20_000 })
          .toBeGreaterThan(2);
        await expect
          .poll(async () => (await notices(page, post)).length, { timeout: 10_000 })
          .toBeGreaterThan(0);
        const expected = (action: string | null) => NOTICE[theme][action === 'warn' ? 'warn' : 'other'];
        await expect
          .poll(async () => (await notices(page, post)).every((n) => n.background === expected(n.action)))
          .toBe(true);
        for (const { action, ...notice } of await notices(page, post))
          expect(notice).toEqual({ cut: false, outside: false, background: expected(action) });
        await page.screenshot({ path: screenshot(`notices-${site}-${theme}.png`) });
        await page.close();
      });
});
