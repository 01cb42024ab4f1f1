import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, extensionWithGrantedOrigins, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { tabIdOf } from './extension-pages.ts';
import { serveHtml } from './feed-pages.ts';
import { MASTODON_HOST, mastodonHtml, TOOTS } from './fixtures/mastodon.ts';
import { flashesOn, watchForFlashes } from './no-flash.ts';

/**
 * Mastodon on an instance Veneer knows nothing of by name: recognised from the page, turned on
 * from the popup for that one host, then filtered from document_start on every visit.
 */
let browser: ExtensionBrowser;
let page: Page;

const toot = (id: string) => page.locator(`.status[data-fixture-id="${id}"]`);

beforeAll(async () => {
  browser = await launchWithExtension({
    extensionPath: extensionWithGrantedOrigins([`https://${MASTODON_HOST}/*`]),
  });
  await serveHtml(browser, `https://${MASTODON_HOST}/**`, () => mastodonHtml(MASTODON_HOST));
  await useFiltersOnDevice(browser, [
    { id: 'spiders', words: 'spiders', action: 'collapse' },
    { id: 'election', words: 'election', action: 'warn', sites: ['mastodon'] },
  ]);
  page = await browser.context.newPage();
  await watchForFlashes(page, '.status[data-id]');
  await page.goto(`https://${MASTODON_HOST}/home`);
});

afterAll(async () => {
  await browser?.close();
});

describe('Mastodon, on any instance', () => {
  it('does nothing on an instance the user has not turned on', async () => {
    await page.waitForTimeout(500);
    expect(await page.locator('[data-veneer-state]').count()).toBe(0);
  });

  it('the popup recognises the instance from the page and turns Veneer on there', async () => {
    const tabId = await browser.serviceWorker.evaluate(
      async (host) => (await chrome.tabs.query({ url: `https://${host}/*` }))[0]?.id,
      MASTODON_HOST,
    );
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    const button = popup.getByRole('button', { name: `Filter posts on ${MASTODON_HOST}` });
    await button.click();
    await expect
      .poll(() => popup.locator('#mastodon-text').textContent())
      .toBe(`Veneer now filters ${MASTODON_HOST}.`);
    await popup.close();
    // Started in the open tab at once.
    await expect.poll(() => page.locator('.status[data-veneer-state]').count()).toBe(TOOTS.length);
    for (const { id, expect: action } of TOOTS)
      expect(await toot(id).getAttribute('data-veneer-action'), id).toBe(action ?? null);
    expect(await tabIdOf(browser, `https://${MASTODON_HOST}/`)).toBe(tabId);
  });

  it('filters the instance from document_start on the next visit, without a flash', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.status[data-veneer-state]').count()).toBe(TOOTS.length);
    expect(await toot(TOOTS[0]!.id).isVisible()).toBe(false);
    const badge = toot(TOOTS[2]!.id).locator('xpath=preceding-sibling::*[@data-veneer-badge][1]');
    expect(await badge.textContent()).toBe(
      'Modified by Veneercontent warning: electionShow originalHide posts like thisAlways show this account',
    );
    expect(await flashesOn(page)).toEqual([]);
    const registered = await browser.serviceWorker.evaluate(() =>
      chrome.scripting.getRegisteredContentScripts(),
    );
    expect(registered.map((s) => s.matches)).toEqual([[`https://${MASTODON_HOST}/*`]]);
  });
});
