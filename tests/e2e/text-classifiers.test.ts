import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../stack/index.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { configureExtension } from './configure.ts';
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

beforeAll(async () => {
  stack = await startStack();
  browser = await launchWithExtension();
  await serveRedditFeed(browser, stack.images.origin, posts);
  // Cloud processing off: the classifiers run on this device whatever the setting.
  await configureExtension(browser, stack.edge.url, {
    cloudProcessing: false,
    filters: [
      { id: 'rude', words: '', action: 'collapse', enabled: true, classifier: 'offensive' },
      { id: 'bait', words: '', action: 'collapse', enabled: true, classifier: 'clickbait' },
    ],
  });
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
