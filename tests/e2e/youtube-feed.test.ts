import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { HOME, youtubeHomeHtml, youtubeWatchHtml } from './fixtures/youtube.ts';
import { flashesOn, watchForFlashes } from './no-flash.ts';

let browser: ExtensionBrowser;
let page: Page;

const FILTERS = [
  { id: 'spiders', words: 'spiders, tarantulas', action: 'collapse' },
  { id: 'crypto', words: 'crypto giveaway', action: 'blur' },
  { id: 'keynotes', words: 'keynote', action: 'collapse', sites: ['youtube'] },
];

const cell = (id: string) => page.locator(`ytd-rich-item-renderer[data-fixture-id="${id}"]`);

beforeAll(async () => {
  browser = await launchWithExtension();
  await browser.context.route('https://www.youtube.com/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname !== '/' && url.pathname !== '/watch') return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: url.pathname === '/watch' ? youtubeWatchHtml() : youtubeHomeHtml(),
    });
  });
  await useFiltersOnDevice(browser, FILTERS);
  page = await browser.context.newPage();
  await watchForFlashes(page, 'ytd-rich-item-renderer');
  await page.goto('https://www.youtube.com/');
});

afterAll(async () => {
  await browser?.close();
});

describe('YouTube home grid', () => {
  it('collapses or blurs exactly the matching videos, the notice inside their grid cell', async () => {
    await expect
      .poll(() => page.locator('ytd-rich-item-renderer[data-veneer-state]').count())
      .toBe(HOME.length);
    for (const { id, expect: action } of HOME)
      expect(await cell(id).getAttribute('data-veneer-action'), id).toBe(action ?? null);
    const collapsed = cell('vid00000001');
    const badge = collapsed.locator(':scope > [data-veneer-badge]');
    expect(await badge.textContent()).toBe(
      'Modified by Veneercollapsed: spidersShow originalHide posts like thisAlways show this account',
    );
    expect(await collapsed.locator('.yt-lockup-metadata-view-model__title').isVisible()).toBe(false);
    // Still one cell of the grid: as wide as its neighbours, so the grid keeps its shape.
    const [a, b] = await Promise.all([collapsed.boundingBox(), cell('vid00000002').boundingBox()]);
    expect(a!.width).toBe(b!.width);
    expect(await flashesOn(page)).toEqual([]);
  });

  it('"Show original" restores the cell', async () => {
    await cell('vid00000005').getByRole('button', { name: 'Show original' }).click();
    expect(await cell('vid00000005').locator('.yt-lockup-metadata-view-model__title').isVisible()).toBe(true);
    expect(await cell('vid00000005').locator('[data-veneer-badge]').count()).toBe(0);
  });

  it('judges a recycled cell afresh when YouTube reuses it for another video', async () => {
    await page.evaluate(() =>
      (window as unknown as { __recycle: (i: number, v: object) => void }).__recycle(1, {
        id: 'vid00000009',
        title: 'Spiders at night',
        channel: 'Bug World',
        expect: 'collapse',
      }),
    );
    await expect.poll(() => cell('vid00000009').getAttribute('data-veneer-action')).toBe('collapse');
    await page.evaluate(() =>
      (window as unknown as { __recycle: (i: number, v: object) => void }).__recycle(0, {
        id: 'vid00000010',
        title: 'Gardening basics',
        channel: 'Green Thumb',
      }),
    );
    await expect.poll(() => cell('vid00000010').getAttribute('data-veneer-state')).toBe('clear');
    expect(await cell('vid00000010').locator('[data-veneer-badge]').count()).toBe(0);
    expect(await cell('vid00000010').locator('.yt-lockup-metadata-view-model__title').isVisible()).toBe(true);
  });
});

describe('text that arrives after the element', () => {
  it('judges a video again when its title fills in under the same id (data bound late)', async () => {
    await expect.poll(() => cell('vid00000004').getAttribute('data-veneer-state')).toBe('clear');
    await page.evaluate(() =>
      (window as unknown as { __recycle: (i: number, v: object) => void }).__recycle(3, {
        id: 'vid00000004',
        title: 'Spiders took over my shed',
        channel: 'Maker Mike',
      }),
    );
    await expect.poll(() => cell('vid00000004').getAttribute('data-veneer-action')).toBe('collapse');
  });
});

describe('YouTube watch-page sidebar (real markup)', () => {
  it('collapses the sidebar videos whose titles match, and only those', async () => {
    const watch = await browser.context.newPage();
    await watch.goto('https://www.youtube.com/watch?v=srtMWzyqdp8');
    const items = watch.locator('ytd-compact-video-renderer');
    expect(await items.count()).toBe(19);
    // Judged, not waiting on an image check any more (slow under load).
    await expect
      .poll(() => watch.locator('ytd-compact-video-renderer[data-veneer-state]').count(), { timeout: 30_000 })
      .toBe(19);
    const titles = await items.evaluateAll((els) =>
      els.map((e) => e.querySelector('#video-title')?.getAttribute('title') ?? ''),
    );
    const actions = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-veneer-action')));
    const expected = titles.map((t) => (/\bkeynote\b/i.test(t) ? 'collapse' : null));
    expect(expected.filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(actions).toEqual(expected);
    await watch.close();
  });
});
