import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { serveHtml } from './feed-pages.ts';
import {
  BLUESKY_POSTS,
  blueskyHtml,
  OLD_REDDIT_POSTS,
  oldRedditHtml,
  type SmallPost,
} from './fixtures/small-feeds.ts';
import { flashesOn, watchForFlashes } from './no-flash.ts';

/** Bluesky and old.reddit: the same filters, each site's adapter, no flash, one click to show. */
let browser: ExtensionBrowser;

const FILTERS = [
  { id: 'spiders', words: 'spiders', action: 'collapse' },
  { id: 'election', words: 'election', action: 'hide' },
];

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://bsky.app/**', () => blueskyHtml());
  await serveHtml(browser, 'https://old.reddit.com/**', () => oldRedditHtml());
  await useFiltersOnDevice(browser, FILTERS);
});

afterAll(async () => {
  await browser?.close();
});

async function checkFeed(url: string, postSelector: string, posts: SmallPost[]): Promise<Page> {
  const page = await browser.context.newPage();
  await watchForFlashes(page, postSelector);
  await page.goto(url);
  const post = (id: string) => page.locator(`[data-fixture-id="${id}"]`);
  await expect.poll(() => page.locator(`${postSelector}[data-veneer-state]`).count()).toBe(posts.length);
  for (const { id, expect: action } of posts) {
    expect(await post(id).getAttribute('data-veneer-action'), id).toBe(action ?? null);
    expect(await post(id).isVisible(), id).toBe(!action);
  }
  expect(await flashesOn(page)).toEqual([]);
  const collapsed = posts.find((p) => p.expect === 'collapse')!;
  const badge = post(collapsed.id).locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
  expect(await badge.textContent()).toBe(
    'Modified by Veneercollapsed: spidersShow originalHide posts like thisAlways show this account',
  );
  await badge.getByRole('button', { name: 'Show original' }).click();
  expect(await post(collapsed.id).isVisible()).toBe(true);
  return page;
}

describe('Bluesky feed', () => {
  it('collapses and hides the matching posts without a flash; one click shows a collapsed one', async () => {
    const page = await checkFeed('https://bsky.app/', '[data-testid^="feedItem-by-"]', BLUESKY_POSTS);
    await page.close();
  });
});

describe('old.reddit listing', () => {
  it('collapses and hides the matching posts without a flash; one click shows a collapsed one', async () => {
    const page = await checkFeed('https://old.reddit.com/r/pics/', 'div.thing', OLD_REDDIT_POSTS);
    await page.close();
  });
});
