import crypto from 'node:crypto';
import { generatePackKeys, type SelectorPack } from '@veneer/shared/packs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPack } from '../../edge/scripts/pack-tools.ts';
import xSite from '../../extension/content/adapters/x.ts';
import youtubeSite from '../../extension/content/adapters/youtube.ts';
import { type Edge, startEdge } from '../stack/index.ts';
import { type ExtensionBrowser, extensionWithPackKey, launchWithExtension } from './browser.ts';
import { feedPagesHaveFilters } from './configure.ts';
import { openPopupFor } from './extension-pages.ts';
import { serveHtml } from './feed-pages.ts';
import { TIMELINE, xTimelineHtml } from './fixtures/x-timeline.ts';
import { HOME, RENAMED_YOUTUBE, youtubeHomeHtml } from './fixtures/youtube.ts';

/**
 * A site update, end to end: X and YouTube rename what Veneer's packs select by; the page notices
 * within seconds and reads the feed with the fallback (word filters keep collapsing and hiding);
 * an operator publishes a fixed pack to the real edge, and the open tab takes it without a reload;
 * packs that are not signed with the pinned key, not newer, or that find nothing are refused or
 * rolled back.
 */
let edge: Edge;
let browser: ExtensionBrowser;
let keys: { publicKey: string; privateKey: string };
const operatorSecret = crypto.randomBytes(24).toString('base64url');

const FILTERS = [
  { id: 'spiders', words: 'spiders, tarantulas, not: spider-man', action: 'collapse', enabled: true },
  { id: 'crypto', words: 'crypto giveaway, /\\b\\d{3,}x gains\\b/i', action: 'hide', enabled: true },
  { id: 'election', words: 'election', action: 'warn', enabled: true },
  { id: 'finale', words: '"season finale"', action: 'blur', enabled: true },
  { id: 'hedgehogs', words: 'hedgehogs', action: 'pixelate', enabled: true },
  { id: 'pasta', words: 'pasta', action: 'blur', enabled: true, sites: ['youtube'] },
];
/** What these filters do to the YouTube home grid's videos (the others stay as they are). */
const YOUTUBE_ACTIONS: Record<string, string> = {
  vid00000001: 'collapse',
  vid00000003: 'hide',
  vid00000005: 'collapse',
  vid00000006: 'blur',
  vid00000007: 'collapse',
};
/** What each post gets once the site is read with the fallback: only hide and collapse apply. */
const TEXT_ONLY = new Set(['hide', 'collapse']);

/** X's fix: its test ids now live in data-qa. */
const fixedX: SelectorPack = {
  ...xSite.pack,
  version: 2,
  selectors: Object.fromEntries(
    Object.entries(xSite.pack.selectors).map(([name, selector]) => [
      name,
      selector.replaceAll('data-testid', 'data-qa'),
    ]),
  ),
};
/** YouTube's fix: the new element and class names next to the old ones. */
const fixedYouTube: SelectorPack = {
  ...youtubeSite.pack,
  version: 2,
  selectors: {
    ...youtubeSite.pack.selectors,
    video: `${youtubeSite.pack.selectors.video}, ${RENAMED_YOUTUBE.cell}, ${RENAMED_YOUTUBE.lockup}`,
    lockup: `${youtubeSite.pack.selectors.lockup}, ${RENAMED_YOUTUBE.lockup}`,
    title: `${youtubeSite.pack.selectors.title}, .${RENAMED_YOUTUBE.title}`,
    channel: `${youtubeSite.pack.selectors.channel}, .${RENAMED_YOUTUBE.channel}`,
  },
};

const publish = (pack: SelectorPack, privateKey = keys.privateKey) =>
  publishPack({ pack, privateKey, edgeUrl: edge.url, operatorSecret });

/** Loads `url` and returns when (ms after navigation start) the fallback first marked a post. */
async function openChanged(url: string): Promise<{ page: Page; detectedMs: number }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const handle = await page.waitForFunction(
    () => document.querySelector('[data-veneer-fallback][data-veneer-state]') && performance.now(),
    undefined,
    { polling: 50, timeout: 15_000 },
  );
  return { page, detectedMs: Number(await handle.jsonValue()) };
}

/** Seconds from `since` until `ready` holds in the page (polled every 50 ms). */
async function secondsUntil(page: Page, since: number, ready: () => boolean): Promise<number> {
  await page.waitForFunction(ready, undefined, { polling: 50, timeout: 30_000 });
  return (Date.now() - since) / 1000;
}

const packLog = () =>
  browser.serviceWorker.evaluate(async () => {
    const { 'veneer.packs': stored } = await chrome.storage.local.get('veneer.packs');
    return (stored as { log: Array<{ adapter: string; version?: number; message: string }> }).log;
  });

beforeAll(async () => {
  keys = await generatePackKeys();
  edge = await startEdge({
    inferenceNodeUrl: 'http://127.0.0.1:9',
    nodeSecret: crypto.randomBytes(24).toString('base64url'),
    tokenSecret: crypto.randomBytes(24).toString('base64url'),
    vars: { PACK_PUBLIC_KEY: keys.publicKey, OPERATOR_SECRET: operatorSecret },
  });
  browser = await launchWithExtension({ extensionPath: extensionWithPackKey(keys.publicKey) });
  await serveHtml(browser, 'https://x.com/**', () =>
    xTimelineHtml({ markupChanged: true, renderer: 'markup' }),
  );
  await serveHtml(browser, 'https://www.youtube.com/**', () => youtubeHomeHtml({ renamed: true }));
  // Cloud processing stays off: packs are public data, asked for without any post's content.
  await browser.serviceWorker.evaluate(
    async ({ edgeUrl, filters }) => {
      await chrome.storage.local.set({
        'veneer.settings': { cloudProcessing: false, edgeUrl },
        'veneer.filters': filters,
      });
    },
    { edgeUrl: edge.url, filters: FILTERS },
  );
  await feedPagesHaveFilters(browser, FILTERS, false);
});

afterAll(async () => {
  await browser?.close();
  await edge?.stop();
});

describe('a site update on X', () => {
  let page: Page;
  const tweet = (id: string) => page.locator(`article[data-fixture-id="${id}"]`);
  const cellOf = (id: string) => page.locator(`[data-veneer-fallback]:has(article[data-fixture-id="${id}"])`);

  it('is noticed within 5 s, and the fallback keeps the word filters that hide and collapse working', async () => {
    let detectedMs: number;
    ({ page, detectedMs } = await openChanged('https://x.com/home'));
    console.log(`X: the fallback took over ${(detectedMs / 1000).toFixed(2)} s after navigation`);
    expect(detectedMs).toBeLessThan(5000);
    for (const { id, expect: action } of TIMELINE) {
      const wanted = action && TEXT_ONLY.has(action) ? action : null;
      await expect.poll(() => cellOf(id).getAttribute('data-veneer-action'), { message: id }).toBe(wanted);
    }
    expect(await tweet('1001').isVisible()).toBe(false);
    expect(await tweet('1005').evaluate((e) => getComputedStyle(e).filter)).toBe('none');
    const popup = await openPopupFor(browser, 'https://x.com/home');
    await expect
      .poll(() => popup.locator('#page-health').textContent())
      .toMatch(/^X changed its page; Veneer is using a fallback/);
    // One click sends an anonymous report (the adapter, its pack version, counts) to the edge.
    await popup.locator('#report-breakage').click();
    await expect.poll(() => popup.locator('#page-health').textContent()).toMatch(/^Reported: /);
    const read = await fetch(`${edge.url}/v1/admin/breakage`, {
      headers: { authorization: `Bearer ${operatorSecret}` },
    });
    const { reports } = (await read.json()) as { reports: Array<Record<string, unknown>> };
    expect(reports).toEqual([
      expect.objectContaining({
        adapter: 'x',
        version: 1,
        reports: 1,
        pages: 1,
        pagesWithoutPosts: 1,
        posts: 0,
      }),
    ]);
    await popup.close();
  });

  it('refuses a pack not signed with the pinned key, and one that is not newer', async () => {
    const stranger = await generatePackKeys();
    await expect(publish(fixedX, stranger.privateKey)).rejects.toThrow(
      /refused the pack \(400\): pack refused: the signature does not match/,
    );
    await expect(publish({ ...fixedX, version: 1 })).resolves.toEqual({ adapter: 'x', version: 1 });
    await expect(publish({ ...fixedX, version: 1 })).rejects.toThrow(
      /refused the pack \(409\): version 1 is not newer than the published version 1/,
    );
    // Version 1 reached the browser (it is polling while X looks broken) and was refused there too.
    await expect
      .poll(async () => (await packLog()).map((entry) => entry.message), { timeout: 15_000 })
      .toContain('refused: version 1 is not newer than version 1 in use');
  });

  it('takes a fixed pack published to the edge in the open tab, without a reload, and filters fully again', async () => {
    const since = Date.now();
    await publish(fixedX);
    const seconds = await secondsUntil(
      page,
      since,
      () =>
        document.querySelector('article[data-fixture-id="1005"]')?.getAttribute('data-veneer-action') ===
        'blur',
    );
    console.log(`X: the fixed pack reached the open tab ${seconds.toFixed(2)} s after it was published`);
    expect(seconds).toBeLessThan(15);
    for (const { id, expect: action } of TIMELINE)
      await expect
        .poll(() => tweet(id).getAttribute('data-veneer-action'), { message: id })
        .toBe(action ?? null);
    expect(await page.locator('[data-veneer-fallback][data-veneer-action]').count()).toBe(0);
    const popup = await openPopupFor(browser, 'https://x.com/home');
    await expect.poll(() => popup.locator('#page-health').isHidden()).toBe(true);
    await popup.close();
  });

  it('keeps a newer pack that finds nothing off the open tab, and rolls it back', async () => {
    await publish({ ...fixedX, version: 3, selectors: { ...fixedX.selectors, post: 'article[data-gone]' } });
    // The daily check, now.
    await browser.serviceWorker.evaluate(() =>
      chrome.alarms.create('veneer-packs', { when: Date.now(), periodInMinutes: 24 * 60 }),
    );
    await expect
      .poll(async () => (await packLog())[0], { timeout: 20_000 })
      .toMatchObject({
        adapter: 'x',
        version: 3,
        message: 'rolled back: it found no posts where version 2 found some',
      });
    // The tab never left version 2: the finale tweet stayed blurred throughout.
    expect(await tweet('1005').getAttribute('data-veneer-action')).toBe('blur');
    // A tab opened now reads with version 2 as well.
    const fresh = await browser.context.newPage();
    await fresh.goto('https://x.com/home?fresh');
    await expect
      .poll(() => fresh.locator('article[data-fixture-id="1005"]').getAttribute('data-veneer-action'))
      .toBe('blur');
    await fresh.close();
    await page.close();
  });
});

describe('a site update on YouTube', () => {
  it('falls back to the words within 5 s, then takes the fixed pack in the open tab', async () => {
    const { page, detectedMs } = await openChanged('https://www.youtube.com/');
    console.log(`YouTube: the fallback took over ${(detectedMs / 1000).toFixed(2)} s after navigation`);
    expect(detectedMs).toBeLessThan(5000);
    const cell = (id: string) => page.locator(`${RENAMED_YOUTUBE.cell}[data-fixture-id="${id}"]`);
    for (const { id } of HOME) {
      const action = YOUTUBE_ACTIONS[id];
      const wanted = action && TEXT_ONLY.has(action) ? action : null;
      await expect.poll(() => cell(id).getAttribute('data-veneer-action'), { message: id }).toBe(wanted);
    }
    const since = Date.now();
    await publish(fixedYouTube);
    const seconds = await secondsUntil(
      page,
      since,
      () =>
        document.querySelector('[data-fixture-id="vid00000006"]')?.getAttribute('data-veneer-action') ===
        'blur',
    );
    console.log(
      `YouTube: the fixed pack reached the open tab ${seconds.toFixed(2)} s after it was published`,
    );
    expect(seconds).toBeLessThan(15);
    for (const { id } of HOME)
      await expect
        .poll(() => cell(id).getAttribute('data-veneer-action'), { message: id })
        .toBe(YOUTUBE_ACTIONS[id] ?? null);
    expect(await page.locator('[data-veneer-fallback]').count()).toBe(0);
    await page.close();
  });
});
