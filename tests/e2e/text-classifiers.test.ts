import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension, type ExtensionSetup } from './configure.ts';
import { type FixturePost, serveRedditFeed } from './fixtures/reddit-feed.ts';

let stack: Stack;
let browser: ExtensionBrowser;
let page: Page;

const posts: FixturePost[] = [
  { id: 't3_rude', title: 'You stupid bitch, shut the fuck up', expect: {} },
  { id: 't3_bait', title: "You Won't Believe What This Dog Did Next", expect: {} },
  { id: 't3_news', title: 'Senate Passes Budget Bill After Long Debate', expect: {} },
  { id: 't3_quake', title: 'Earthquake strikes off the coast of Japan', expect: {} },
];

const rudeFilter = { id: 'rude', words: '', action: 'collapse', enabled: true, classifier: 'offensive' };

/** A fresh browser serving the feed, with `filters`. */
async function browserWithFilters(filters: ExtensionSetup['filters']): Promise<ExtensionBrowser> {
  const launched = await launchWithExtension();
  await serveRedditFeed(launched, stack.images.origin, posts);
  // Cloud processing off: the classifiers run on this device whatever the setting.
  await configureExtension(launched, stack.edge.url, { cloudProcessing: false, filters });
  return launched;
}

beforeAll(async () => {
  stack = await startStack();
  browser = await browserWithFilters([
    rudeFilter,
    { id: 'bait', words: '', action: 'collapse', enabled: true, classifier: 'clickbait' },
  ]);
  page = await browser.context.newPage();
  await page.goto('https://www.reddit.com/r/all/');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const notice = (id: string) => page.locator(`shreddit-post#${id}`).locator('xpath=preceding-sibling::*[1]');

describe("Veneer's own text classifiers in the extension (onnxruntime-web, offscreen document)", () => {
  it('collapses offensive language and clickbait, each with its reason', async () => {
    await expect.poll(() => page.locator('[data-veneer-badge]').count(), { timeout: 30_000 }).toBe(2);
    expect(await notice('t3_rude').textContent()).toContain(
      'Modified by Veneercollapsed: offensive language',
    );
    expect(await notice('t3_bait').textContent()).toContain('Modified by Veneercollapsed: clickbait');
    for (const id of ['t3_news', 't3_quake'])
      expect(await page.locator(`shreddit-post#${id}`).isVisible()).toBe(true);
  });

  it('shows a collapsed post again with one click', async () => {
    await notice('t3_bait').getByRole('button', { name: 'Show original' }).click();
    await expect.poll(() => page.locator('shreddit-post#t3_bait').isVisible()).toBe(true);
  });
});

describe('a post the page re-renders right after Veneer sent it to the classifier', () => {
  let fresh: ExtensionBrowser;
  afterAll(async () => {
    await fresh?.close();
  });

  it('gets the verdict in its new element', async () => {
    fresh = await browserWithFilters([
      rudeFilter,
      { id: 'quake', words: 'earthquake', action: 'collapse', enabled: true },
    ]);
    const tab = await fresh.context.newPage();
    // The words mark the earthquake post in the same scan that sends the other posts' texts to
    // the classifier: the page re-renders the rude post (a new element, the same post) at once,
    // before any answer can have come back. Whether the answer then arrives before or after
    // Veneer reads the new element is up to the machine's timing; either way it gets the verdict.
    await tab.addInitScript(() => {
      const state = window as unknown as { __rerenderedWhileWaiting?: boolean };
      const observer = new MutationObserver(() => {
        const quake = document.querySelector('shreddit-post#t3_quake');
        if (!quake?.hasAttribute('data-veneer-state')) return;
        observer.disconnect();
        const rude = document.querySelector('shreddit-post#t3_rude')!;
        state.__rerenderedWhileWaiting = !rude.hasAttribute('data-veneer-state');
        rude.replaceWith(rude.cloneNode(true));
      });
      observer.observe(document, { attributes: true, subtree: true, attributeFilter: ['data-veneer-state'] });
    });
    await tab.goto('https://www.reddit.com/r/all/');
    await expect
      .poll(() => tab.locator('shreddit-post#t3_rude').getAttribute('data-veneer-state'), { timeout: 30_000 })
      .toBe('modified');
    expect(
      await tab.evaluate(
        () => (window as unknown as { __rerenderedWhileWaiting?: boolean }).__rerenderedWhileWaiting,
      ),
    ).toBe(true);
    expect(
      await tab.locator('shreddit-post#t3_rude').locator('xpath=preceding-sibling::*[1]').textContent(),
    ).toContain('collapsed: offensive language');
    expect(await tab.locator('shreddit-post#t3_news').getAttribute('data-veneer-state')).toBe('clear');
  });
});

describe('loading the classifiers', () => {
  const offscreenDocuments = (launched: ExtensionBrowser) =>
    launched.serviceWorker.evaluate(
      async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
    );

  it('starts as soon as a filter uses one, before any feed asks; never when none does', async () => {
    const wordsOnly = await browserWithFilters([
      { id: 'quake', words: 'earthquake', action: 'collapse', enabled: true },
    ]);
    const classifier = await browserWithFilters([rudeFilter]);
    try {
      // No feed page is open in either browser: only the background can have loaded them.
      await expect.poll(() => offscreenDocuments(classifier), { timeout: 15_000 }).toBe(1);
      expect(await offscreenDocuments(wordsOnly)).toBe(0);
    } finally {
      await wordsOnly.close();
      await classifier.close();
    }
  });
});
