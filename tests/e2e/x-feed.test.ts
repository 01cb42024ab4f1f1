import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { openPopupFor } from './extension-pages.ts';
import { moreTweets, SEARCH_RESULTS, TIMELINE, xTimelineHtml } from './fixtures/x-timeline.ts';
import { flashesOn, watchForFlashes } from './no-flash.ts';
import { sharpness } from './pixels.ts';

/** Feed filtering on X with word filters only: nothing here needs the edge or the inference node. */
let browser: ExtensionBrowser;
let page: Page;

const FILTERS = [
  { id: 'spiders', words: 'spiders, not: spider-man', action: 'collapse' },
  { id: 'crypto', words: 'crypto giveaway, /\\b\\d{3,}x gains\\b/i', action: 'hide' },
  { id: 'election', words: 'election', action: 'warn' },
  { id: 'finale', words: '"season finale"', action: 'blur' },
  { id: 'hedgehogs', words: 'hedgehogs', action: 'pixelate' },
  { id: 'reddit-only', words: 'coffee', action: 'hide', sites: ['reddit'] },
  { id: 'expired', words: 'lovely day', action: 'hide', expiresAt: Date.now() - 1000 },
];

const tweet = (id: string) => page.locator(`article[data-fixture-id="${id}"]`);
const badgeOf = (id: string) => tweet(id).locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');

beforeAll(async () => {
  browser = await launchWithExtension();
  await browser.context.route('https://x.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: xTimelineHtml({
        markupChanged: new URL(route.request().url()).searchParams.has('v2'),
        renderer: new URL(route.request().url()).searchParams.has('react') ? 'react' : 'markup',
      }),
    }),
  );
  await useFiltersOnDevice(browser, FILTERS);
  page = await browser.context.newPage();
  await watchForFlashes(page, 'article');
  await page.goto('https://x.com/home');
});

afterAll(async () => {
  await browser?.close();
});

describe('X timeline with word filters', () => {
  it('applies each action to exactly the matching tweets', async () => {
    await expect.poll(() => page.locator('article[data-veneer-state]').count()).toBe(TIMELINE.length);
    for (const { id, expect: action } of TIMELINE) {
      expect(await tweet(id).getAttribute('data-veneer-action'), id).toBe(action ?? null);
      expect(await tweet(id).getAttribute('data-veneer-state'), id).toBe(action ? 'modified' : 'clear');
    }
    expect(await tweet('1001').isVisible()).toBe(false);
    expect(await tweet('1003').isVisible()).toBe(false);
    expect(await tweet('1002').isVisible()).toBe(true);
    expect(await tweet('1005').evaluate((e) => getComputedStyle(e).filter)).toContain('blur');
  });

  it('never paints a matching tweet before its verdict', async () => {
    expect(await flashesOn(page)).toEqual([]);
  });

  it('every modified tweet except hidden ones carries the "Modified by Veneer" notice with its reason', async () => {
    expect(await badgeOf('1001').textContent()).toBe(
      'Modified by Veneercollapsed: spidersShow originalHide posts like thisAlways show this account',
    );
    expect(await badgeOf('1004').textContent()).toBe(
      'Modified by Veneercontent warning: electionShow originalHide posts like thisAlways show this account',
    );
    expect(await badgeOf('1005').textContent()).toContain('blurred: season finale');
    expect(await badgeOf('1006').textContent()).toContain('images pixelated: hedgehogs');
    expect(await badgeOf('1003').count()).toBe(0);
    expect(await page.locator('[data-veneer-badge]').count()).toBe(6);
  });

  it('pixelates the image for real, and a click on it shows the original', async () => {
    const image = tweet('1006').locator('[data-testid="tweetPhoto"] img');
    await image.scrollIntoViewIfNeeded();
    const clip = (await image.boundingBox())!;
    const pixelated = await sharpness(await page.screenshot({ clip }));
    await image.click();
    expect(await tweet('1006').getAttribute('data-veneer-state')).toBe('shown');
    await page.waitForTimeout(100);
    const original = await sharpness(await page.screenshot({ clip }));
    expect(original).toBeGreaterThan(pixelated * 1.5);
  });

  it('one click on "Show original" shows a collapsed tweet, and a click on a blurred one reveals it', async () => {
    await badgeOf('1001').getByRole('button', { name: 'Show original' }).click();
    expect(await tweet('1001').isVisible()).toBe(true);
    expect(await tweet('1001').getAttribute('data-veneer-state')).toBe('shown');
    await tweet('1005').click();
    expect(await tweet('1005').evaluate((e) => getComputedStyle(e).filter)).toBe('none');
  });

  it('the popup says what changed on this page and shows hidden tweets again', async () => {
    const popup = await openPopupFor(browser, 'https://x.com/home');
    await expect.poll(() => popup.locator('#page-title').textContent()).toBe('X · x.com');
    // Three of the eight were shown by the tests above.
    expect(await popup.locator('#page-summary').textContent()).toBe(
      `5 of ${TIMELINE.length} posts changed on this page`,
    );
    expect((await popup.locator('#page-changes li').allTextContents()).sort()).toEqual([
      '1 collapsed: spiders',
      '1 hidden: /\\b\\d{3,}x gains\\b/i',
      '1 hidden: crypto giveaway',
      '2 behind a warning: election',
    ]);
    expect(await popup.locator('#page-health').isVisible()).toBe(false);
    await popup.getByRole('button', { name: 'Show 2 hidden posts' }).click();
    await expect.poll(() => tweet('1003').isVisible()).toBe(true);
    expect(await tweet('1008').isVisible()).toBe(true);
    await popup.close();
  });

  it('filters tweets loaded by infinite scroll, without a flash', async () => {
    for (let n = 1; n <= 3; n++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await expect.poll(() => page.locator('article').count()).toBe(TIMELINE.length + 20 * n);
    }
    const loaded = [1, 2, 3].flatMap(moreTweets);
    await expect
      .poll(() => page.locator('article[data-veneer-state]').count())
      .toBe(TIMELINE.length + loaded.length);
    for (const { id, expect: action } of loaded)
      expect(await tweet(id).getAttribute('data-veneer-action'), id).toBe(action ?? null);
    expect(await flashesOn(page)).toEqual([]);
  });

  it('keeps filtering after a single-page navigation, counting the new page afresh', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('#go-search').click();
    await expect.poll(() => tweet('3001').getAttribute('data-veneer-action')).toBe('collapse');
    expect(await tweet('3002').getAttribute('data-veneer-state')).toBe('clear');
    const popup = await openPopupFor(browser, 'https://x.com/search');
    await expect
      .poll(() => popup.locator('#page-summary').textContent())
      .toBe(`1 of ${SEARCH_RESULTS.length} posts changed on this page`);
    await popup.close();
    expect(await flashesOn(page)).toEqual([]);
  });

  it('turning Veneer off for the site from the popup shows everything, and on again filters again', async () => {
    const popup = await openPopupFor(browser, 'https://x.com/search');
    await popup.locator('#site-enabled').uncheck();
    await expect.poll(() => tweet('3001').getAttribute('data-veneer-state')).toBe('clear');
    expect(await tweet('3001').isVisible()).toBe(true);
    await expect
      .poll(() => popup.locator('#page-summary').textContent())
      .toBe('Veneer is off for this site.');
    await popup.locator('#site-enabled').check();
    await expect.poll(() => tweet('3001').getAttribute('data-veneer-action')).toBe('collapse');
    await popup.close();
  });

  it('reads a changed page with the fallback: word filters still collapse, and the popup says so', async () => {
    const changed = await browser.context.newPage();
    await changed.goto('https://x.com/home?v2');
    expect(await changed.locator('article').count()).toBe(TIMELINE.length);
    const popup = await openPopupFor(browser, 'https://x.com/home?v2');
    await expect
      .poll(() => popup.locator('#page-health').textContent(), { timeout: 15_000 })
      .toMatch(/^X changed its page; Veneer is using a fallback/);
    expect(await popup.locator('#report-breakage').isVisible()).toBe(true);
    // The fallback found the tweets by their shape: the spider tweet's cell is collapsed by its words...
    const spiderCell = changed.locator('[data-veneer-fallback]:has(article[data-fixture-id="1001"])');
    await expect.poll(() => spiderCell.getAttribute('data-veneer-action')).toBe('collapse');
    expect(await changed.locator('[data-veneer-badge]').first().textContent()).toContain(
      'collapsed: spiders',
    );
    // ...while the actions that need a working pack wait (the season finale tweet is not blurred).
    expect(await changed.locator('[data-veneer-action="blur"]').count()).toBe(0);
    expect(await changed.locator('article[data-fixture-id="1005"]').isVisible()).toBe(true);
    await popup.close();
    await changed.close();
  });

  it('the options page previews a filter on the open feed before it is saved', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#words').fill('ordinary update');
    await expect
      .poll(() => options.locator('#preview').textContent())
      .toBe(`This filter would change 0 of ${SEARCH_RESULTS.length} posts on x.com.`);
    await options.locator('#words').fill('spiders');
    await expect
      .poll(() => options.locator('#preview').textContent())
      .toBe(`This filter would change 1 of ${SEARCH_RESULTS.length} posts on x.com.`);
    await options.close();
  });

  it('filters the same timeline rendered by React, as x.com renders it, without a flash', async () => {
    const react = await browser.context.newPage();
    await watchForFlashes(react, 'article');
    await react.goto('https://x.com/home?react');
    await react.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const all = [...TIMELINE, ...moreTweets(1)];
    await expect.poll(() => react.locator('article[data-veneer-state]').count()).toBe(all.length);
    for (const { id, expect: action } of all)
      expect(
        await react.locator(`article[data-fixture-id="${id}"]`).getAttribute('data-veneer-action'),
        id,
      ).toBe(action ?? null);
    expect(await flashesOn(react)).toEqual([]);
    await react.close();
  });
});
