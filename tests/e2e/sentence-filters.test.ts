import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { storedFilters, useFiltersOnDevice } from './configure.ts';
import { actionsOn, openJudgedFeed, serveHtml } from './feed-pages.ts';
import { type FixturePost, redditFeedHtml } from './fixtures/reddit-feed.ts';
import { type FixtureTweet, xTimelineHtml } from './fixtures/x-timeline.ts';

/**
 * "Tell Veneer what to hide": a sentence typed in the popup becomes a filter that collapses the
 * right posts on X and on Reddit (and no others, nor elsewhere); the options page turns one into a
 * filled-in form the person adds; what the parser cannot read is said, and the list stays as it was.
 */
let browser: ExtensionBrowser;
/** Screenshots of what a person sees, for looking at (not compared): .tmp/screenshots/. */
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

const TWEETS: FixtureTweet[] = [
  { id: '5001', text: 'Huge crypto giveaway: send 1 ETH, get 2 back' },
  { id: '5002', text: 'Crypto giveaways are always scams, be careful' },
  { id: '5003', text: 'The weather is lovely today' },
  { id: '5004', text: 'Our crypto giveaway ends tonight!' },
];
const REDDIT: FixturePost[] = [
  { id: 't3_c1', title: 'Another crypto giveaway scam in my DMs', expect: {} },
  { id: 't3_c2', title: 'My cat in a box', expect: {} },
  { id: 't3_c3', title: 'Crypto giveaway bots everywhere', expect: {} },
];

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ first: TWEETS, pages: 0 }));
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it', REDDIT));
  await useFiltersOnDevice(browser, [{ id: 'mine', words: 'spiders', action: 'hide' }]);
});

afterAll(async () => {
  await browser?.close();
});

const feed = (url: string, selector: string, count: number) => openJudgedFeed(browser, url, selector, count);

describe('filters written as sentences', () => {
  it('the popup turns a sentence into a filter that collapses the right posts on X and Reddit', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup
      .getByLabel('Tell Veneer what to hide')
      .fill('pls colapse crypto giveaway posts on X and reddit for a week');
    await popup.getByRole('button', { name: 'Make a filter' }).click();
    await expect
      .poll(() => popup.locator('#sentence-answer').textContent())
      .toMatch(/^Collapse posts about crypto giveaway on X, Reddit until /);
    expect(await popup.getByLabel('Words').inputValue()).toBe('crypto giveaway');
    await popup.screenshot({ path: screenshot('popup-sentence-card.png') });
    await popup.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => popup.locator('#sentence-answer').textContent()).toBe('Added. 2 filters now.');
    await popup.close();

    const stored = (await storedFilters(browser)) as Array<Record<string, unknown>>;
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatchObject({ words: 'crypto giveaway', action: 'collapse', sites: ['x', 'reddit'] });
    const week = 7 * 24 * 3_600_000;
    expect(stored[1]!.expiresAt).toBeGreaterThan(Date.now() + week - 120_000);

    const x = await feed('https://x.com/home', 'article', TWEETS.length);
    expect(await actionsOn(x, 'article', 'data-fixture-id')).toEqual({
      '5001': 'collapse',
      '5002': 'collapse',
      '5003': null,
      '5004': 'collapse',
    });
    expect(await x.locator('[data-veneer-badge]').first().textContent()).toContain(
      'collapsed: crypto giveaway',
    );
    // Notices follow the page's theme: X's fixture is dark, Reddit's light.
    const noticeColour = (page: Page) =>
      page
        .locator('[data-veneer-badge]')
        .first()
        .evaluate((notice) => getComputedStyle(notice).backgroundColor);
    expect(await noticeColour(x)).toBe('rgb(30, 34, 40)');
    await x.screenshot({ path: screenshot('x-dark-notice.png') });
    await x.close();
    const reddit = await feed('https://www.reddit.com/r/all/', 'shreddit-post', REDDIT.length);
    expect(await noticeColour(reddit)).toBe('rgb(241, 243, 245)');
    expect(await actionsOn(reddit, 'shreddit-post', 'id')).toEqual({
      t3_c1: 'collapse',
      t3_c2: null,
      t3_c3: 'collapse',
    });
    await reddit.close();
  });

  it('the options page fills the form from a sentence; the person adds it', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options
      .getByLabel('Tell Veneer what to hide')
      .fill('hide posts about spiders but not spider-man on reddit, be strict');
    await options.getByRole('button', { name: 'Make a filter' }).click();
    await expect.poll(() => options.locator('#sentence-answer').textContent()).toMatch(/Check it below/);
    expect(await options.locator('#words').inputValue()).toBe('spiders, not: spider-man');
    expect(await options.locator('#action').inputValue()).toBe('hide');
    expect(await options.locator('#sites input[value="reddit"]').isChecked()).toBe(true);
    expect(await options.locator('#sites input[value="x"]').isChecked()).toBe(false);
    await options.screenshot({ path: screenshot('options-sentence.png') });
    // The person changes the action before adding it.
    await options.locator('#action').selectOption('blur');
    await options.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(async () => ((await storedFilters(browser)) as unknown[]).length).toBe(3);
    const added = ((await storedFilters(browser)) as Array<Record<string, unknown>>)[2]!;
    expect(added).toMatchObject({ words: 'spiders, not: spider-man', action: 'blur', sites: ['reddit'] });
    await options.close();
  });

  it('a sentence whose kind of post no site it names marks is said to take nothing there, before it is added', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const box = popup.getByLabel('Tell Veneer what to hide');
    await box.fill('hide shorts on x');
    await popup.getByRole('button', { name: 'Make a filter' }).click();
    await expect
      .poll(() => popup.locator('#sentence-answer').textContent())
      .toBe('Hide Short posts on X. No site this filter is for marks Short, so it would take nothing.');
    await box.fill('hide shorts on youtube');
    await popup.getByRole('button', { name: 'Make a filter' }).click();
    await expect
      .poll(() => popup.locator('#sentence-answer').textContent())
      .toBe('Hide Short posts on YouTube.');
    await box.fill('hide replies from blue checks on reddit');
    await popup.getByRole('button', { name: 'Make a filter' }).click();
    await expect
      .poll(() => popup.locator('#sentence-answer').textContent())
      .toMatch(/No site this filter is for shows badges, so it would take nothing\.$/);
    await popup.close();
  });

  it('what it cannot read gets a plain answer, and the list stays as it was', async () => {
    const before = JSON.stringify(await storedFilters(browser));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const box = popup.getByLabel('Tell Veneer what to hide');
    for (const [sentence, said] of [
      ['', /Tell Veneer what to hide/],
      ['spiders', /couldn't tell what to do/],
      ['hide cats on facebook', /not on facebook/],
    ] as const) {
      await box.fill(sentence);
      await popup.getByRole('button', { name: 'Make a filter' }).click();
      await expect.poll(() => popup.locator('#sentence-answer').textContent()).toMatch(said);
      expect(await popup.locator('#sentence-answer').getAttribute('class')).toBe('error');
      expect(await popup.locator('#sentence-card').isHidden()).toBe(true);
    }
    await popup.close();
    // 10,000 characters, past the box's own limit (as a paste or a script would bring them).
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('#sentence').evaluate((input: HTMLInputElement) => {
      input.removeAttribute('maxlength');
      input.value = `hide ${'spiders '.repeat(1250)}`;
    });
    await options.getByRole('button', { name: 'Make a filter' }).click();
    await expect
      .poll(() => options.locator('#sentence-answer').textContent())
      .toMatch(/characters; one filter is said in 300/);
    expect(await options.locator('#words').inputValue()).toBe('');
    await options.close();
    expect(JSON.stringify(await storedFilters(browser))).toBe(before);
  });
});
