import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { openJudgedFeed, serveHtml } from './feed-pages.ts';
import { redditFeedHtml } from './fixtures/reddit-feed.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';

/**
 * The stores' screenshots (1280 x 800, the Chrome Web Store's size; addons.mozilla.org takes it
 * too), taken from the test fixtures with Veneer at work: X's dark timeline, a Reddit feed, the
 * options page and the welcome page. Written to .tmp/store/ for the listing (extension/store/).
 */
const OUT = path.join(repoRoot, '.tmp/store');
const SIZE = { width: 1280, height: 800 };
let browser: ExtensionBrowser;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it'));
  await useFiltersOnDevice(browser, [
    { id: 'spiders', words: 'spiders, not: spider-man', action: 'collapse' },
    { id: 'scams', words: 'crypto giveaway, gains guaranteed', action: 'hide' },
    { id: 'finale', words: '"season finale"', action: 'blur' },
  ]);
});

afterAll(async () => {
  await browser?.close();
});

describe('store screenshots', () => {
  it('are taken at 1280 x 800 from the fixtures', async () => {
    const shots: Array<[string, () => Promise<import('playwright-core').Page>]> = [
      ['x-timeline', () => openJudgedFeed(browser, 'https://x.com/home', 'article', 12)],
      ['reddit-feed', () => openJudgedFeed(browser, 'https://www.reddit.com/r/pics/', 'shreddit-post', 20)],
      [
        'options',
        async () => {
          const page = await browser.context.newPage();
          await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
          return page;
        },
      ],
      [
        'welcome',
        async () => {
          const page = await browser.context.newPage();
          await page.goto(`chrome-extension://${browser.extensionId}/welcome.html`);
          return page;
        },
      ],
    ];
    for (const [name, open] of shots) {
      const page = await open();
      await page.setViewportSize(SIZE);
      const file = path.join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      expect(await sharp(file).metadata()).toMatchObject(SIZE);
      await page.close();
    }
  });
});
