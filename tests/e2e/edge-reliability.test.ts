import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension, storedFilters } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';
import { waitFor } from './wait.ts';

let stack: Stack;
let browser: ExtensionBrowser;
let token: string;
const feeds = new Map<string, FixturePost[]>();

const spiders = { id: 'spiders', words: 'spiders', action: 'collapse', enabled: true };
const faces = { id: 'faces', words: '', action: 'blur-faces', enabled: true };

beforeAll(async () => {
  stack = await startStack();
  browser = await launchWithExtension();
  await serveRedditFeed(
    browser,
    stack.images.origin,
    (pathname) => feeds.get(pathname.split('/')[2] ?? '') ?? [],
  );
  ({ token } = await configureExtension(browser, stack.edge.url, { filters: [spiders, faces] }));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${stack.edge.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('filter sync through the real edge', () => {
  it('sends the local list to the edge, and merges a change another device made meanwhile', async () => {
    const synced = await waitFor('the first sync', async () => {
      const remote = (await (await api('GET', '/v1/filters')).json()) as {
        version: number;
        filters: Array<{ id: string }>;
      };
      return remote.filters.length === 2 ? remote : null;
    });
    // Another device adds a filter...
    const other = { id: 'other-device', words: 'crypto giveaway', action: 'collapse', enabled: true };
    expect(
      (await api('PUT', '/v1/filters', { version: synced.version, filters: [...synced.filters, other] }))
        .status,
    ).toBe(200);
    // ...while this one adds its own, based on the older version.
    const mine = { id: 'this-device', words: 'election', action: 'collapse', enabled: true };
    await browser.serviceWorker.evaluate(
      async (filters) => {
        await chrome.storage.local.set({ 'veneer.filters': filters });
      },
      [spiders, faces, mine],
    );

    const expected = ['spiders', 'faces', 'other-device', 'this-device'];
    await expect
      .poll(async () => (await storedFilters(browser)).map((f) => f.id), { timeout: 15_000 })
      .toEqual(expected);
    await expect
      .poll(async () => {
        const remote = (await (await api('GET', '/v1/filters')).json()) as { filters: Array<{ id: string }> };
        return remote.filters.map((f) => f.id);
      })
      .toEqual(expected);
  });
});

describe('a result is not lost when the socket drops and the edge restarts', () => {
  let page: Page;

  it('delivers the pushed result after reconnecting, once', async () => {
    feeds.set('slow', [
      {
        id: 't3_slow',
        title: 'A slow photo',
        image: `${stack.images.origin}/slow/6000/faces/3.jpg`,
        expect: { faces: true },
      },
    ]);
    page = await browser.context.newPage();
    await page.goto('https://www.reddit.com/r/slow/');
    // The node is now fetching the slow image: take the edge down and bring it back meanwhile.
    await waitFor('the node to start the job', async () =>
      stack.images.requests.some((r) => r.startsWith('/slow/')),
    );
    await stack.restartEdge();

    const image = page.locator('#t3_slow [slot="post-media-container"] img');
    await expect.poll(() => image.getAttribute('data-veneer-faces'), { timeout: 60_000 }).toMatch(/^\d+$/);
    const faceCount = Number(await image.getAttribute('data-veneer-faces'));
    expect(faceCount).toBeGreaterThanOrEqual(3);
    // Exactly one overlay with one box per face: the frame was not applied twice.
    await page.waitForTimeout(1500);
    expect(await page.locator('#t3_slow [data-veneer-face-overlay]').count()).toBe(1);
    expect(await page.locator('#t3_slow [data-veneer-face]').count()).toBe(faceCount);
  });
});
