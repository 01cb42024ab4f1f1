import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { openJudgedFeed } from './feed-pages.ts';
import { redditFeedHtml } from './fixtures/reddit-feed.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';
import { youtubeHomeHtml } from './fixtures/youtube.ts';

/**
 * Veneer's notices show their reason in full and stay inside their post, at the widths feeds use:
 * YouTube's 220-pixel grid cells (its dark theme), X's timeline at a phone's width, Reddit's feed;
 * and they take the page's theme. Screenshots of each in .tmp/screenshots/notices-*.png.
 */
let browser: ExtensionBrowser;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

beforeAll(async () => {
  browser = await launchWithExtension();
  const serve = (pattern: string, html: () => string) =>
    browser.context.route(pattern, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: html() }),
    );
  await serve('https://www.youtube.com/**', () => youtubeHomeHtml());
  await serve('https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await serve('https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it'));
  await useFiltersOnDevice(browser, [
    { id: 'lofi', words: 'lo-fi, spiders, tarantula', action: 'collapse' },
    { id: 'finale', words: '"season finale"', action: 'warn' },
  ]);
});

afterAll(async () => {
  await browser?.close();
});

/** Each notice: whether its reason is cut, whether it pokes out of `container`, and its colours. */
const notices = (page: Page, container: string) =>
  page.$$eval(
    '[data-veneer-badge]',
    (badges, container) =>
      badges.map((badge) => {
        const reason = badge.querySelector('span')!;
        const box = badge.getBoundingClientRect();
        const holder = (badge.closest(container) ?? badge.parentElement!).getBoundingClientRect();
        return {
          reason: reason.textContent,
          cut: reason.scrollWidth > reason.clientWidth + 1 || reason.getBoundingClientRect().width < 40,
          outside: box.left < holder.left - 1 || box.right > holder.right + 1,
          background: getComputedStyle(badge).backgroundColor,
        };
      }),
    container,
  );

describe("notices at the feeds' widths", () => {
  it("YouTube's grid cells (dark): the reason in full, inside the cell, dark", async () => {
    const page = await openJudgedFeed(browser, 'https://www.youtube.com/', 'ytd-rich-item-renderer', 8);
    const found = await notices(page, 'ytd-rich-item-renderer');
    expect(found.length).toBe(4);
    for (const notice of found)
      expect(notice).toMatchObject({ cut: false, outside: false, background: 'rgb(30, 34, 40)' });
    expect(found.map((n) => n.reason)).toContain('collapsed: lo-fi');
    await page.screenshot({ path: screenshot('notices-youtube-grid.png') });
    await page.close();
  });

  it("X's timeline at a phone's width (360 px): the reason in full, inside the timeline", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('https://x.com/home');
    await expect.poll(() => page.locator('article[data-veneer-state]').count(), { timeout: 15_000 }).toBe(12);
    const found = await notices(page, 'main');
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const notice of found) expect(notice).toMatchObject({ cut: false, outside: false });
    await page.screenshot({ path: screenshot('notices-x-360.png') });
    await page.close();
  });

  it("Reddit's feed (light): the reason in full, light", async () => {
    const page = await openJudgedFeed(browser, 'https://www.reddit.com/r/pics/', 'shreddit-post', 20);
    const found = await notices(page, 'body');
    expect(found.length).toBeGreaterThan(0);
    for (const notice of found)
      expect(notice).toMatchObject({ cut: false, outside: false, background: 'rgb(241, 243, 245)' });
    await page.close();
  });
});
