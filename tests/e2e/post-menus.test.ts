import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { tabIdOf } from './extension-pages.ts';
import { actionsOn, openJudgedFeed, serveHtml } from './feed-pages.ts';
import { blueskyHtml } from './fixtures/small-feeds.ts';
import { waitFor } from './wait.ts';

/**
 * The context menu on a post, in a real browser. Playwright cannot click a browser's own menu, so
 * each step right-clicks the post in the page (the page remembers which post the menu was opened
 * on) and then fires the menu's click event in the extension's background, as Chromium does when
 * a menu item is chosen: `chrome.contextMenus.onClicked` with the item's id and the tab. What
 * follows runs as it does for a person: the background asks that tab which post it was, and the
 * item does its work.
 */
let browser: ExtensionBrowser;
let page: Page;

const POSTS = [
  { id: '3km01', author: 'alice.test', text: 'Spiders on my balcony' },
  { id: '3km02', author: 'bob.test', text: 'A sunny day at the lake' },
  { id: '3km03', author: 'carol.test', text: 'Fresh bread from the oven' },
  { id: '3km04', author: 'dan.test', text: 'Lottery jackpot winners revealed tonight' },
];
const POST = '[data-testid^="feedItem-by-"]';

/**
 * Chooses the menu item `menuItemId` on the post `postId`, as a person would with the mouse: on
 * its text, or on its notice (all a collapsed post shows).
 */
async function chooseMenu(postId: string, menuItemId: string, on: 'text' | 'notice' = 'text'): Promise<void> {
  const post = page.locator(`${POST}[data-fixture-id="${postId}"]`);
  const target =
    on === 'text'
      ? post.locator('[data-testid="postText"]')
      : post.locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
  await target.click({ button: 'right' });
  await fireMenu(menuItemId);
}

/** Fires the menu item's click in the background, for the feed's tab. */
async function fireMenu(menuItemId: string): Promise<void> {
  const tabId = await tabIdOf(browser, 'https://bsky.app/');
  await browser.serviceWorker.evaluate(
    async ([menuItemId, tabId]) => {
      const info = { menuItemId, frameId: 0, editable: false, pageUrl: 'https://bsky.app/' };
      // Not a public API: the event object's own dispatch, which calls the listeners the
      // background added, with what Chromium passes them.
      chrome.contextMenus.onClicked.dispatch(info, { id: tabId });
    },
    [menuItemId, tabId] as const,
  );
}

const stored = <T>(key: string) =>
  browser.serviceWorker.evaluate(
    async (key) => (await chrome.storage.local.get(key))[key],
    key,
  ) as Promise<T>;

beforeAll(async () => {
  browser = await launchWithExtension({});
  await serveHtml(browser, 'https://bsky.app/**', () => blueskyHtml(POSTS));
  await useFiltersOnDevice(browser, [{ id: 'spiders', words: 'spiders', action: 'collapse' }]);
});

afterAll(async () => {
  await browser?.close();
});

describe('the context menu on a post', () => {
  it('is there to fire: the background listens for its clicks', async () => {
    page = await openJudgedFeed(browser, 'https://bsky.app/', POST, POSTS.length);
    expect(await browser.serviceWorker.evaluate(() => chrome.contextMenus.onClicked.hasListeners())).toBe(
      true,
    );
    expect(await actionsOn(page, POST)).toEqual({
      '3km01': 'collapse',
      '3km02': null,
      '3km03': null,
      '3km04': null,
    });
  });

  it('"Hide posts from this account" adds a hide filter for that account on its site, and the post goes', async () => {
    await chooseMenu('3km02', 'veneer-hide-account');
    await expect.poll(() => actionsOn(page, POST)).toMatchObject({ '3km02': 'hide' });
    const filters = await stored<Array<Record<string, unknown>>>('veneer.filters');
    expect(filters.find((f) => (f.from as string[] | undefined)?.includes('bob.test'))).toMatchObject({
      action: 'hide',
      from: ['bob.test'],
      sites: ['bluesky'],
    });
    expect((await actionsOn(page, POST))['3km03']).toBeNull();
  });

  it('"Always show posts from this account", chosen on a collapsed post\'s notice, puts its account on the allowlist and the post shows', async () => {
    await chooseMenu('3km01', 'veneer-always-show-account', 'notice');
    await expect.poll(() => actionsOn(page, POST)).toMatchObject({ '3km01': null });
    const settings = await stored<{ alwaysShow: string[] }>('veneer.settings');
    expect(settings.alwaysShow).toEqual(['alice.test']);
  });

  it('"Hide posts like this" makes a learned filter that takes the post, and keeps none of its words', async () => {
    await chooseMenu('3km04', 'veneer-hide-posts-like');
    await waitFor('a learned filter', async () =>
      (await stored<Array<{ learned?: unknown }>>('veneer.filters')).some((f) => f.learned),
    );
    await expect.poll(() => actionsOn(page, POST)).toMatchObject({ '3km04': 'collapse' });
    const list = JSON.stringify(await stored('veneer.filters'));
    for (const word of ['Lottery', 'lottery', 'jackpot', 'winners', 'revealed'])
      expect(list).not.toContain(word);
    // The other posts are left as they were.
    expect(await actionsOn(page, POST)).toMatchObject({ '3km01': null, '3km02': 'hide', '3km03': null });
  });

  it('chosen on the page but on no post, does nothing', async () => {
    const before = JSON.stringify(await stored('veneer.filters'));
    // Below the feed, where no post or notice is.
    const { height } = page.viewportSize()!;
    expect(await page.evaluate((y: number) => document.elementFromPoint(5, y)?.tagName, height - 5)).toMatch(
      /^(HTML|BODY)$/,
    );
    await page.mouse.click(5, height - 5, { button: 'right' });
    await fireMenu('veneer-hide-account');
    // A menu chosen next, on a post, is answered after it: once it took effect, so would have the first.
    await chooseMenu('3km03', 'veneer-always-show-account');
    await waitFor('carol.test on the allowlist', async () =>
      (await stored<{ alwaysShow: string[] }>('veneer.settings')).alwaysShow.includes('carol.test'),
    );
    expect(JSON.stringify(await stored('veneer.filters'))).toBe(before);
  });
});
