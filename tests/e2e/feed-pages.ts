import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from './browser.ts';

/** Opens a feed at `url` and waits until Veneer has judged the `count` posts `selector` finds. */
export async function openJudgedFeed(
  browser: ExtensionBrowser,
  url: string,
  selector: string,
  count: number,
): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect
    .poll(() => page.locator(`${selector}[data-veneer-state]`).count(), { timeout: 15_000 })
    .toBe(count);
  return page;
}

/** Each post's action (null: left alone), by the attribute that names it (the fixture's id by default). */
export const actionsOn = (page: Page, selector: string, idAttribute = 'data-fixture-id') =>
  page.evaluate(
    ([selector, idAttribute]) =>
      Object.fromEntries(
        [...document.querySelectorAll(selector!)].map((post) => [
          post.getAttribute(idAttribute!),
          post.getAttribute('data-veneer-action'),
        ]),
      ),
    [selector, idAttribute],
  );

/** Answers every request matching `pattern` (a site's address) with the HTML `html()` makes. */
export async function serveHtml(
  browser: ExtensionBrowser,
  pattern: string,
  html: () => string,
): Promise<void> {
  await browser.context.route(pattern, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html() }),
  );
}
