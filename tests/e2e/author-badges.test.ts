import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { feedPagesHaveFilters, storedFilters, useFiltersOnDevice } from './configure.ts';
import { actionsOn, openJudgedFeed, serveHtml } from './feed-pages.ts';
import { blueskyHtml } from './fixtures/small-feeds.ts';
import { BADGE_TWEETS, xTimelineHtml } from './fixtures/x-timeline.ts';

/**
 * Filters by the author's badge, as a person sets them up: "hide replies from verified accounts"
 * made in the options page (kinds: reply; author's badge: only verified accounts), next to a filter
 * on words that takes only accounts with no badge. X's tweets are its real markup, with the blue
 * check taken out of the tweets whose author has none.
 */
let browser: ExtensionBrowser;
let options: Page;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

const GIVEAWAYS = { id: 'unverified-giveaways', words: 'giveaway', badge: 'none', action: 'collapse' };

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ first: BADGE_TWEETS, pages: 0 }));
  await serveHtml(browser, 'https://bsky.app/**', () =>
    blueskyHtml([
      { id: '3kv01', author: 'newsdesk.test', text: 'Our giveaway winners are announced', verified: true },
      { id: '3kv02', author: 'spammer.test', text: 'Free giveaway, click now', verified: false },
      { id: '3kv03', author: 'friend.test', text: 'Lunch by the river', verified: false },
    ]),
  );
  await useFiltersOnDevice(browser, [GIVEAWAYS]);
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
});

afterAll(async () => {
  await browser?.close();
});

describe("filters by the author's badge", () => {
  it('the options page makes "hide replies from verified accounts" and says so on its card', async () => {
    await options.locator('#action').selectOption('hide');
    await options.locator('#more-fields summary').click();
    await options.locator('#kinds input[value="reply"]').check();
    await options.getByLabel("Author's badge").selectOption('verified');
    // Where each kind and the badge are marked, from the sites' own declarations.
    expect(await options.locator('#kinds-where').textContent()).toContain('Short (YouTube)');
    expect(await options.locator('#badge-hint').textContent()).toBe(
      "Shown by Bluesky, X, YouTube (X's check, earned or paid). Mastodon and Reddit show none, so a filter on a badge takes nothing there.",
    );
    // Ticking only sites that show no badges: the form says the filter would take nothing.
    const takesNothing = options.locator('#takes-nothing');
    expect(await takesNothing.isVisible()).toBe(false);
    await options.locator('#sites input[value="reddit"]').check();
    await expect
      .poll(() => takesNothing.textContent())
      .toBe('None of the sites ticked shows badges, so this filter would take nothing.');
    await options.locator('#editor').screenshot({ path: screenshot('options-badge.png') });
    await options.locator('#sites input[value="reddit"]').uncheck();
    await expect.poll(() => takesNothing.isVisible()).toBe(false);
    await options.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(async () => (await storedFilters(browser)).length).toBe(2);
    const made = (await storedFilters(browser)).find((f) => f.id !== GIVEAWAYS.id)!;
    expect(made).toMatchObject({ action: 'hide', words: '', kinds: ['reply'], badge: 'verified' });
    const card = options.locator(`#list [data-filter-id="${made.id}"]`);
    expect(await card.locator('.filter-title').textContent()).toBe('reply');
    expect(await card.textContent()).toContain('from verified accounts');
    const giveaways = options.locator(`#list [data-filter-id="${GIVEAWAYS.id}"]`);
    expect(await giveaways.textContent()).toContain('from accounts with no badge');
    // Editing it shows the badge it was saved with.
    await card.getByRole('button', { name: 'Edit' }).click();
    expect(await options.getByLabel("Author's badge").inputValue()).toBe('verified');
    await options.getByRole('button', { name: 'Cancel' }).click();
    await feedPagesHaveFilters(browser, await storedFilters(browser), false);
  });

  it("on X: a verified account's reply hidden, an unverified one's left; the giveaway collapsed only from the account with no badge", async () => {
    const page = await openJudgedFeed(browser, 'https://x.com/home', 'article', BADGE_TWEETS.length);
    expect(await actionsOn(page, 'article')).toEqual({
      '4100': 'hide',
      '4101': null,
      '4102': null,
      '4103': 'collapse',
      '4104': null,
    });
    const notice = page
      .locator('article[data-fixture-id="4103"]')
      .locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await notice.textContent()).toContain('collapsed: giveaway');
    await page.close();
  });

  it('on Bluesky: the giveaway collapsed from the account with no check, left alone from the verified one', async () => {
    const item = '[data-testid^="feedItem-by-"]';
    const page = await openJudgedFeed(browser, 'https://bsky.app/', item, 3);
    expect(await actionsOn(page, item)).toEqual({ '3kv01': null, '3kv02': 'collapse', '3kv03': null });
    await page.close();
  });
});
