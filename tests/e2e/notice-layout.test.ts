import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { openJudgedFeed, serveHtml } from './feed-pages.ts';
import { redditFeedHtml, redditThreadHtml } from './fixtures/reddit-feed.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';
import { youtubeHomeHtml, youtubeWatchHtml } from './fixtures/youtube.ts';

/**
 * Veneer's notices show their reason in full and stay inside their post, at the widths feeds use:
 * YouTube's 220-pixel grid cells (its dark theme), X's timeline at a phone's width, Reddit's feed;
 * YouTube's watch-page sidebar (the real saved page), a Reddit comment thread's nested replies at
 * a phone's width; and they take the page's theme. Screenshots of each in
 * .tmp/screenshots/notices-*.png.
 */

/** Replies three levels deep, some about spiders (filtered), at every level. */
const redditThread = () =>
  redditThreadHtml('Found this on my porch', [
    {
      id: 't1_a',
      text: 'That is a wolf spider, totally harmless.',
      replies: [
        {
          id: 't1_b',
          text: 'Harmless or not, I would move house.',
          replies: [{ id: 't1_c', text: 'A tarantula would be worse. Much worse.' }],
        },
        { id: 't1_d', text: 'Nice photo though.' },
      ],
    },
    {
      id: 't1_e',
      text: 'Great lighting.',
      replies: [
        {
          id: 't1_f',
          text: 'Agreed.',
          replies: [{ id: 't1_g', text: 'Spiders eat the mosquitoes, leave it be.' }],
        },
      ],
    },
  ]);
let browser: ExtensionBrowser;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

beforeAll(async () => {
  browser = await launchWithExtension();
  await browser.context.route('https://www.youtube.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: route.request().url().includes('/watch') ? youtubeWatchHtml() : youtubeHomeHtml(),
    }),
  );
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await browser.context.route('https://www.reddit.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: route.request().url().includes('/comments/')
        ? redditThread()
        : redditFeedHtml('https://i.redd.it'),
    }),
  );
  await useFiltersOnDevice(browser, [
    { id: 'lofi', words: 'lo-fi, spiders, tarantula', action: 'collapse' },
    { id: 'finale', words: '"season finale"', action: 'warn' },
    { id: 'keynote', words: 'keynote', action: 'collapse' },
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
          visible: badge.getClientRects().length > 0,
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

  it("YouTube's watch-page sidebar (real saved page): the reason in full, inside the sidebar", async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.youtube.com/watch?v=srtMWzyqdp8');
    // The saved page has YouTube's markup but not its stylesheets: the related videos (#related)
    // at the sidebar's width (402 px), each item a 168-pixel thumbnail beside its text.
    await page.addStyleTag({
      content: `#related { width: 402px; }
        ytd-compact-video-renderer { display: block; margin-bottom: 8px; }
        ytd-compact-video-renderer #dismissible { display: flex; gap: 8px; }
        ytd-compact-video-renderer img { width: 168px; height: 94px; }`,
    });
    await expect
      .poll(() => page.locator('ytd-compact-video-renderer[data-veneer-state]').count(), { timeout: 30_000 })
      .toBe(19);
    const found = await notices(page, '#related');
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const notice of found) expect(notice).toMatchObject({ cut: false, outside: false });
    expect(found.map((n) => n.reason)).toContain('collapsed: keynote');
    await page
      .locator('ytd-compact-video-renderer[data-veneer-action="collapse"]')
      .first()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshot('notices-youtube-sidebar.png') });
    await page.close();
  });

  it("a Reddit comment thread at a phone's width: nested replies' notices in full, inside their thread", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('https://www.reddit.com/r/pics/comments/abc/post/');
    await expect
      .poll(() => page.locator('shreddit-comment[data-veneer-state]').count(), { timeout: 15_000 })
      .toBe(7);
    // The first reply about spiders collapses its whole branch (as Reddit collapses a thread; the
    // tarantula reply inside it has its notice, unseen until the branch is shown); the deepest
    // reply, in another branch, has its own notice three levels in.
    await page.screenshot({ path: screenshot('notices-reddit-thread-360.png') });
    const found = await notices(page, '#comment-tree');
    expect(found.map((n) => n.reason).sort()).toEqual([
      'collapsed: spiders',
      'collapsed: spiders',
      'collapsed: tarantula',
    ]);
    const shown = found.filter((n) => n.visible);
    expect(shown.length).toBe(2);
    for (const notice of shown) expect(notice).toMatchObject({ cut: false, outside: false });
    const deepest = await page.$eval('shreddit-comment[thingid="t1_g"]', (comment) => {
      const badge = comment.previousElementSibling!;
      // The reply itself is collapsed (no box): its parent's text shows where that level starts.
      const level = comment.parentElement!.querySelector(':scope > [slot="comment"]')!;
      return {
        badge: badge.hasAttribute('data-veneer-badge'),
        indent: badge.getBoundingClientRect().left,
        reply: level.getBoundingClientRect().left,
      };
    });
    // The notice sits where the reply was, at its level's indentation.
    expect(deepest.badge).toBe(true);
    expect(Math.abs(deepest.indent - deepest.reply), JSON.stringify(deepest)).toBeLessThanOrEqual(1);
    await page.close();
  });
});
