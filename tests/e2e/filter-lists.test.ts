import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Edge, type ListHost, startEdge, startListHost } from '../stack/index.ts';
import { type ExtensionBrowser, extensionWithGrantedOrigins, launchWithExtension } from './browser.ts';
import { feedPagesHaveFilters } from './configure.ts';
import { serveHtml } from './feed-pages.ts';
import { type FixturePost, redditFeedHtml } from './fixtures/reddit-feed.ts';

/**
 * Filter lists, end to end: a list subscribed to by its https address applies (a new version
 * after a refresh too; each of its filters can be switched off), bad lists get a clear notice and
 * change nothing, and a list shared through the real edge from one browser profile is subscribed
 * to from another.
 */
const LIST_HOST = 'lists.example.org';
let edge: Edge;
let lists: ListHost;
let alice: ExtensionBrowser;
let bob: ExtensionBrowser;

const POSTS: FixturePost[] = [
  { id: 't3_l1', title: 'Crypto giveaway: send 1 ETH, get 2 back', expect: {} },
  { id: 't3_l2', title: 'Tarantulas are friendly', expect: {} },
  { id: 't3_l3', title: 'Spiders in the bath again', expect: {} },
  { id: 't3_l4', title: 'Morning coffee', expect: {} },
];
const OWN = [{ id: 'mine', words: 'tarantulas', action: 'collapse', enabled: true }];
const listDocument = (filters: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    veneer: 1,
    title: 'No crypto scams',
    homepage: `https://${LIST_HOST}/`,
    filters,
    ...extra,
  });
const CRYPTO = { id: 'scams', words: 'crypto giveaway', action: 'hide' };
const SPIDERS = { id: 'spiders', words: 'spiders', action: 'collapse' };

async function configure(browser: ExtensionBrowser, filters: typeof OWN): Promise<void> {
  await browser.serviceWorker.evaluate(
    async ({ edgeUrl, filters }) => {
      await chrome.storage.local.set({
        'veneer.settings': { cloudProcessing: false, edgeUrl },
        'veneer.filters': filters,
      });
    },
    { edgeUrl: edge.url, filters },
  );
  await feedPagesHaveFilters(browser, filters, false);
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it', POSTS));
}

const actionOf = (page: Page, id: string) =>
  page.locator(`shreddit-post#${id}`).getAttribute('data-veneer-action');

async function options(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

async function subscribe(page: Page, url: string): Promise<void> {
  await page.locator('#list-url').fill(url);
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
}

const storedOf = (browser: ExtensionBrowser, key: string) =>
  browser.serviceWorker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] ?? null, key);

beforeAll(async () => {
  lists = await startListHost();
  edge = await startEdge({
    inferenceNodeUrl: 'http://127.0.0.1:9',
    nodeSecret: crypto.randomBytes(24).toString('base64url'),
    tokenSecret: crypto.randomBytes(24).toString('base64url'),
  });
  alice = await launchWithExtension({
    extensionPath: extensionWithGrantedOrigins([`https://${LIST_HOST}/*`]),
    hostMap: { [LIST_HOST]: lists.hostPort },
  });
  bob = await launchWithExtension();
  await configure(alice, OWN);
  await configure(bob, []);
});

afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await lists?.stop();
  await edge?.stop();
});

describe('filter lists', () => {
  let feed: Page;
  let settings: Page;

  it("a list subscribed to by its address applies, next to the person's own filters", async () => {
    lists.files.set('/no-crypto.json', { body: listDocument([CRYPTO], { updated: '2026-12-01' }) });
    feed = await alice.context.newPage();
    await feed.goto('https://www.reddit.com/r/pics/');
    await expect.poll(() => actionOf(feed, 't3_l2')).toBe('collapse');
    expect(await actionOf(feed, 't3_l1')).toBeNull();
    settings = await options(alice);
    await subscribe(settings, `https://${LIST_HOST}/no-crypto.json`);
    const list = settings.locator('#lists section');
    await expect.poll(() => list.locator('h4').textContent()).toBe('No crypto scams');
    expect(await list.locator('p').first().textContent()).toContain('1 of 1 filters on · updated 2026-12-01');
    // The open feed takes it at once: the crypto post is hidden, the person's own filter still applies.
    await expect.poll(() => actionOf(feed, 't3_l1')).toBe('hide');
    expect(await actionOf(feed, 't3_l2')).toBe('collapse');
  });

  it('a new version applies after a refresh; a filter of the list can be switched off', async () => {
    lists.files.set('/no-crypto.json', { body: listDocument([CRYPTO, SPIDERS], { updated: '2026-12-03' }) });
    await settings.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => actionOf(feed, 't3_l3')).toBe('collapse');
    await expect
      .poll(() => settings.locator('#lists section p').first().textContent())
      .toContain('2 of 2 filters on · updated 2026-12-03');
    // A refresh with nothing new is a conditional request answered 304.
    await settings.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => lists.requests.at(-1)?.ifNoneMatch).toMatch(/^"/);
    await settings.locator('#lists section label', { hasText: 'spiders' }).locator('input').uncheck();
    await expect.poll(() => actionOf(feed, 't3_l3')).toBeNull();
    expect(await actionOf(feed, 't3_l1')).toBe('hide');
  });

  it('bad lists get a clear notice and change nothing', async () => {
    const before = {
      filters: await storedOf(alice, 'veneer.filters'),
      lists: await storedOf(alice, 'veneer.lists'),
    };
    lists.files.set('/big.json', { body: listDocument([CRYPTO], { padding: 'x'.repeat(1024 * 1024) }) });
    lists.files.set('/page.html', { body: '<!doctype html><title>Not a list</title>' });
    lists.files.set('/invalid.json', { body: listDocument([{ id: 'a', words: 'x', action: 'explode' }]) });
    lists.files.set('/moved.json', {
      status: 302,
      body: '',
      headers: { location: 'https://127.0.0.1:9/list.json' },
    });
    for (const [path, notice] of [
      [`https://${LIST_HOST}/big.json`, /larger than 1 MB/],
      [`https://${LIST_HOST}/page.html`, /the list is not JSON/],
      [`https://${LIST_HOST}/invalid.json`, /the list is not valid: filters\.0\.action/],
      [`http://${LIST_HOST}/plain.json`, /https only, not http/],
      [`https://${LIST_HOST}/moved.json`, /redirects/],
      ['https://192.168.1.20/list.json', /192\.168\.1\.20 is a private address/],
    ] as const) {
      await subscribe(settings, path);
      await expect
        .poll(() => settings.locator('#list-error').textContent(), { message: path })
        .toMatch(notice);
      expect(await settings.locator('#list-error').textContent()).toMatch(
        /^Veneer cannot subscribe to this list: /,
      );
    }
    expect(await storedOf(alice, 'veneer.filters')).toEqual(before.filters);
    expect(await storedOf(alice, 'veneer.lists')).toEqual(before.lists);
    expect(await actionOf(feed, 't3_l1')).toBe('hide');
  });

  it('a list shared through the edge is subscribed to from another browser profile, and its new version reaches it', async () => {
    await settings.locator('#share-title').fill('Arachnophobes');
    await settings.locator('#share-filters label', { hasText: 'tarantulas' }).locator('input').check();
    await settings.getByRole('button', { name: 'Share' }).click();
    await expect
      .poll(() => settings.locator('#share-result').textContent(), { timeout: 15_000 })
      .toMatch(/^Shared: anyone can subscribe to /);
    const address = (await settings.locator('#share-result').textContent())!.replace(
      /^Shared: anyone can subscribe to /,
      '',
    );
    expect(address).toMatch(new RegExp(`^${edge.url}/v1/lists/[A-Za-z0-9]{10}$`));
    // The shared document holds the chosen filter, and no user id.
    const shared = await (await fetch(address)).text();
    const { session } = { session: (await storedOf(alice, 'veneer.session')) as { userId: string } };
    expect(shared).not.toContain(session.userId);
    expect(JSON.parse(shared)).toMatchObject({
      veneer: 1,
      title: 'Arachnophobes',
      version: 1,
      filters: [{ words: 'tarantulas' }],
    });

    const bobFeed = await bob.context.newPage();
    await bobFeed.goto('https://www.reddit.com/r/pics/');
    await expect.poll(() => bobFeed.locator('shreddit-post[data-veneer-state]').count()).toBe(POSTS.length);
    expect(await actionOf(bobFeed, 't3_l2')).toBeNull();
    const bobSettings = await options(bob);
    await subscribe(bobSettings, address);
    await expect.poll(() => bobSettings.locator('#lists section h4').textContent()).toBe('Arachnophobes');
    await expect.poll(() => actionOf(bobFeed, 't3_l2')).toBe('collapse');

    // Alice adds a filter and publishes version 2 of the list with it; Bob's refresh takes it.
    await settings.locator('#words').fill('spiders');
    await settings.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => settings.locator('#share-filters label').count()).toBe(2);
    for (const words of ['tarantulas', 'spiders'])
      await settings.locator('#share-filters label', { hasText: words }).locator('input').check();
    await settings.getByRole('button', { name: 'Publish a new version' }).click();
    await expect
      .poll(() => settings.locator('#share-result').textContent())
      .toMatch(/^Version 2 of "Arachnophobes"/);
    await bobSettings.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => actionOf(bobFeed, 't3_l3')).toBe('collapse');
    expect(await bobSettings.locator('#lists section p').first().textContent()).toContain('version 2');
  });
});
