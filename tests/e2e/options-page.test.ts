import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { storedFilters, useFiltersOnDevice } from './configure.ts';
import { openJudgedFeed, serveHtml } from './feed-pages.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';

/**
 * The options page as a person uses it: filters as cards, edited in place (the form moves into the
 * card and back), the live preview against an open feed, the keyboard, the empty states.
 */
let browser: ExtensionBrowser;
let options: Page;
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);
const card = (id: string) => options.locator(`#list [data-filter-id="${id}"]`);

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await useFiltersOnDevice(browser, []);
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
});

afterAll(async () => {
  await browser?.close();
});

describe('the options page', () => {
  it('says what to do while there is no filter and no list', async () => {
    await expect.poll(() => options.locator('#list .empty').textContent()).toContain('No filters yet');
    expect(await options.locator('#lists .empty').textContent()).toContain('No lists yet');
    expect(await options.locator('#always-show .empty').textContent()).toContain('Nobody yet');
  });

  it('previews a filter against the open feed while it is written, then adds it as a card', async () => {
    const x = await openJudgedFeed(browser, 'https://x.com/home', 'article', 12);
    await options.bringToFront();
    await options.locator('#words').fill('spiders');
    await expect
      .poll(() => options.locator('#preview').textContent())
      .toMatch(/^This filter would change [1-9]\d* of 12 posts on x\.com\.$/);
    await options.getByRole('button', { name: 'Add filter' }).click();
    const added = options.locator('#list .filter-card');
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.locator('.filter-title').textContent()).toBe('spiders');
    expect(await added.locator('.filter-summary').textContent()).toBe(
      'Collapse · every site · never expires',
    );
    await x.close();
  });

  it('edits a filter inside its card, and puts the form back under "New filter" after', async () => {
    const [{ id }] = (await storedFilters(browser)) as [{ id: string }];
    await card(id).getByRole('button', { name: 'Edit' }).click();
    // The form is in the card now, filled with the filter; the card's own summary is folded away.
    expect(await card(id).locator('#editor').count()).toBe(1);
    expect(await options.locator('#editor-title').textContent()).toBe('Edit filter');
    expect(await options.locator('#words').inputValue()).toBe('spiders');
    expect(await card(id).locator('.filter-summary').isVisible()).toBe(false);
    await options.locator('#action').selectOption('hide');
    await options.locator('#more-fields summary').click();
    await options.locator('#sites input[value="x"]').check();
    await options.screenshot({ path: screenshot('options-editing.png'), fullPage: true });
    await options.getByRole('button', { name: 'Save filter' }).click();
    await expect
      .poll(() => card(id).locator('.filter-summary').textContent())
      .toBe('Hide · X · never expires');
    await expect.poll(() => options.locator('#editor-home #editor').count()).toBe(1);
    expect(await options.locator('#editor-title').textContent()).toBe('New filter');
    // Keyboard users land back on the card they edited.
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Edit');
    expect(await storedFilters(browser)).toMatchObject([{ id, action: 'hide', sites: ['x'] }]);
  });

  it('switches a filter off from the keyboard', async () => {
    const [{ id }] = (await storedFilters(browser)) as [{ id: string }];
    const toggle = card(id).getByRole('checkbox', { name: 'On: spiders' });
    await toggle.focus();
    await options.keyboard.press('Space');
    await expect
      .poll(async () => ((await storedFilters(browser)) as unknown as [{ enabled: boolean }])[0].enabled)
      .toBe(false);
    await expect.poll(() => card(id).getAttribute('class')).toContain('off');
  });

  it('cancelling an edit changes nothing and closes the form in the card', async () => {
    const before = JSON.stringify(await storedFilters(browser));
    const [{ id }] = (await storedFilters(browser)) as [{ id: string }];
    await card(id).getByRole('button', { name: 'Edit' }).click();
    await options.locator('#words').fill('something else');
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(await options.locator('#editor-home #editor').count()).toBe(1);
    expect(await options.locator('#words').inputValue()).toBe('');
    expect(JSON.stringify(await storedFilters(browser))).toBe(before);
  });
});
