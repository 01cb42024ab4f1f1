import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.ts';
import { type ExtensionBrowser, launchWithExtension } from './browser.ts';
import { useFiltersOnDevice } from './configure.ts';
import { openPopupFor } from './extension-pages.ts';
import { openJudgedFeed, serveHtml } from './feed-pages.ts';
import { type FixturePost, redditFeedHtml } from './fixtures/reddit-feed.ts';
import { xTimelineHtml } from './fixtures/x-timeline.ts';

/**
 * axe-core (Deque's accessibility rules, WCAG 2 A and AA and best practices) on every extension
 * page a person opens and on Veneer's notices inside the feeds (X's dark page, Reddit's light one):
 * no violation.
 */
const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let browser: ExtensionBrowser;
/** What a person sees, for looking at (not compared): .tmp/screenshots/. */
const screenshot = (name: string) => path.join(repoRoot, '.tmp/screenshots', name);

const REDDIT: FixturePost[] = [
  { id: 't3_a1', title: 'A huge spider in my sink', expect: {} },
  { id: 't3_a2', title: 'My cat in a box', expect: {} },
];

beforeAll(async () => {
  browser = await launchWithExtension();
  await serveHtml(browser, 'https://x.com/**', () => xTimelineHtml({ pages: 0 }));
  await serveHtml(browser, 'https://www.reddit.com/**', () => redditFeedHtml('https://i.redd.it', REDDIT));
  await useFiltersOnDevice(browser, [
    { id: 'spiders', words: 'spiders', action: 'collapse' },
    { id: 'finale', words: '"season finale"', action: 'warn' },
  ]);
});

afterAll(async () => {
  await browser?.close();
});

/** axe's violations on the page (or within `include`), as "rule: where" lines. */
async function violations(page: Page, include?: string): Promise<string[]> {
  // Evaluated over the DevTools protocol: an extension page's CSP refuses an injected script.
  await page.evaluate(AXE);
  const found = (await page.evaluate(
    (include) =>
      (
        window as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
        }
      ).axe.run(include ? { include: [[include]] } : document, { resultTypes: ['violations'] }),
    include,
  )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  return found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  for (const file of ['popup.html', 'options.html', 'welcome.html', 'lab.html'])
    for (const scheme of ['light', 'dark'] as const)
      it(`${file}, ${scheme}: no violation`, async () => {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
        await page.waitForLoadState('networkidle');
        expect(await violations(page)).toEqual([]);
        await page.screenshot({
          path: screenshot(`${file.replace('.html', '')}-${scheme}.png`),
          fullPage: true,
        });
        await page.close();
      });

  for (const scheme of ['light', 'dark'] as const)
    it(`popup.html on an X tab (what changed there, with reasons), ${scheme}: no violation`, async () => {
      const x = await openJudgedFeed(browser, 'https://x.com/home', 'article', 12);
      const popup = await openPopupFor(browser, 'https://x.com/');
      await popup.emulateMedia({ colorScheme: scheme });
      await expect.poll(() => popup.locator('#page-changes li').count()).toBeGreaterThan(0);
      expect(await popup.locator('#no-page').isVisible()).toBe(false);
      expect(await violations(popup)).toEqual([]);
      await popup.setViewportSize({ width: 384, height: 640 });
      await popup.screenshot({ path: screenshot(`popup-x-${scheme}.png`), fullPage: true });
      await popup.close();
      await x.close();
    });

  it("Veneer's notices on X's dark page and Reddit's light one: no violation", async () => {
    const x = await openJudgedFeed(browser, 'https://x.com/home', 'article', 12);
    expect(await x.locator('[data-veneer-badge]').count()).toBeGreaterThan(1);
    expect(await violations(x, '[data-veneer-badge]')).toEqual([]);
    await x.close();
    const reddit = await openJudgedFeed(browser, 'https://www.reddit.com/r/all/', 'shreddit-post', 2);
    expect(await reddit.locator('[data-veneer-badge]').count()).toBe(1);
    expect(await violations(reddit, '[data-veneer-badge]')).toEqual([]);
    await reddit.close();
  });
});
