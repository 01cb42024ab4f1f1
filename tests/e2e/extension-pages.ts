import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser.ts';
import { waitFor } from './wait.ts';

/** The id of the tab whose content script reported a page at an address starting with `urlPrefix`. */
export function tabIdOf(browser: ExtensionBrowser, urlPrefix: string): Promise<number> {
  return waitFor(`a page report from ${urlPrefix}`, () =>
    browser.serviceWorker.evaluate(async (prefix) => {
      const all = await chrome.storage.session.get(null);
      for (const [key, report] of Object.entries(all)) {
        if (key.startsWith('veneer.page.') && (report as { url: string }).url.startsWith(prefix)) {
          return Number(key.slice('veneer.page.'.length));
        }
      }
      return null;
    }, urlPrefix),
  );
}

/** The popup, opened as a page about the tab that shows `urlPrefix` (a toolbar popup would pick the active tab). */
export async function openPopupFor(browser: ExtensionBrowser, urlPrefix: string): Promise<Page> {
  const tabId = await tabIdOf(browser, urlPrefix);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/**
 * Turns Veneer on for a Mastodon instance as a person does: its page open in a tab, the popup's
 * "Filter posts on <host>" clicked (the extension's build already holds the instance's origin, as if
 * the browser's prompt had been accepted). Leaves the instance's page open, and returns it.
 */
export async function turnOnMastodon(browser: ExtensionBrowser, host: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`https://${host}/home`);
  const tabId = await browser.serviceWorker.evaluate(
    async (host) => (await chrome.tabs.query({ url: `https://${host}/*` }))[0]?.id,
    host,
  );
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: `Filter posts on ${host}` }).click();
  await waitFor(`Veneer to be on for ${host}`, async () =>
    (await popup.locator('#mastodon-text').textContent()) === `Veneer now filters ${host}.` ? true : null,
  );
  await popup.close();
  return page;
}
