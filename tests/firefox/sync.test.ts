import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xTimelineHtml } from '../e2e/fixtures/x-timeline.ts';
import { waitFor } from '../e2e/wait.ts';
import { type Edge, startEdge } from '../stack/index.ts';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './firefox.ts';

/**
 * Firefox with the real edge (workerd): the options page points Veneer at the edge, a filter made
 * there syncs to the edge's copy of the list; and the popup tells what Veneer changed on the tab.
 */
let firefox: FirefoxWithExtension;
let edge: Edge;

beforeAll(async () => {
  edge = await startEdge({
    inferenceNodeUrl: 'http://127.0.0.1:9',
    nodeSecret: crypto.randomBytes(24).toString('base64url'),
    tokenSecret: crypto.randomBytes(24).toString('base64url'),
  });
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await edge?.stop();
});

describe('Veneer in Firefox, with its server', () => {
  it("syncs the filter list to the edge: the options page's server address, a filter, the edge's copy", async () => {
    const options = await firefox.extensionPage('/options.html');
    await options.$eval('details', (details) => {
      (details as HTMLDetailsElement).open = true;
    });
    await options.type('#edge', edge.url);
    await options.click('#save-edge');
    await options.type('#sentence', 'collapse posts about spiders but not spider-man');
    await options.click('#sentence-form button[type="submit"]');
    await waitFor('the card', async () =>
      (await options.$eval('#sentence-answer', (e) => e.textContent)) ? true : null,
    );
    await options.click('#submit');
    const token = await waitFor('a session with the edge', () =>
      options.evaluate(async () => {
        const api = (
          globalThis as unknown as {
            browser: { storage: { local: { get(k: string): Promise<Record<string, { token?: string }>> } } };
          }
        ).browser;
        return (await api.storage.local.get('veneer.session'))['veneer.session']?.token ?? null;
      }),
    );
    const synced = await waitFor('the filter on the edge', async () => {
      const response = await fetch(`${edge.url}/v1/filters`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { filters } = (await response.json()) as { filters: Array<{ words: string; action: string }> };
      return filters.length > 0 ? filters : null;
    });
    expect(synced).toMatchObject([{ words: 'spiders, not: spider-man', action: 'collapse' }]);
    await options.close();
  });

  it('the popup says what Veneer changed on the tab, with the reasons', async () => {
    const page = await firefox.feedPage({ 'https://x.com/': () => xTimelineHtml({ pages: 0 }) });
    await page.goto('https://x.com/home');
    await waitFor('the tweets judged', async () =>
      (await page.$$eval('article[data-veneer-state]', (posts) => posts.length)) === 12 ? true : null,
    );
    // The tab's id, from the page report its content script keeps in session storage.
    const tabId = await waitFor("the tab's page report", () =>
      firefox.welcome.evaluate(async () => {
        const api = (
          globalThis as unknown as {
            browser: { storage: { session: { get(k: null): Promise<Record<string, { url?: string }>> } } };
          }
        ).browser;
        const all = await api.storage.session.get(null);
        const key = Object.keys(all).find(
          (k) => k.startsWith('veneer.page.') && all[k]?.url?.startsWith('https://x.com/'),
        );
        return key ? Number(key.slice('veneer.page.'.length)) : null;
      }),
    );
    const popup = await firefox.extensionPage(`/popup.html?tab=${tabId}`);
    const summary = await waitFor('the page summary', async () => {
      const text = await popup.$eval('#page-summary', (e) => e.textContent ?? '');
      return text.includes('changed') ? text : null;
    });
    expect(summary).toBe('2 of 12 posts changed on this page');
    expect(await popup.$eval('#page-changes', (e) => e.textContent)).toBe('2 collapsed: spiders');
    await popup.close();
    await page.close();
  });
});
