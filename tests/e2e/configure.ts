import type { ExtensionBrowser } from './browser.ts';
import { waitFor } from './wait.ts';

export interface ExtensionSetup {
  filters: Array<{
    id: string;
    words: string;
    action: string;
    enabled: boolean;
    classifier?: string;
    lookIn?: string[];
  }>;
  cloudProcessing?: boolean;
}

/** Stores settings and filters as the options page would, then waits until the extension has registered with `edgeUrl`. */
export async function configureExtension(browser: ExtensionBrowser, edgeUrl: string, setup: ExtensionSetup) {
  await browser.serviceWorker.evaluate(
    async ({ edgeUrl, filters, cloudProcessing }) => {
      await chrome.storage.local.set({
        'veneer.settings': { cloudProcessing, edgeUrl },
        'veneer.filters': filters,
      });
    },
    { edgeUrl, filters: setup.filters, cloudProcessing: setup.cloudProcessing ?? true },
  );
  const token = await waitFor('the extension to register with the edge', () =>
    browser.serviceWorker.evaluate(async (edgeUrl) => {
      const { 'veneer.session': session } = await chrome.storage.local.get('veneer.session');
      return session?.edgeUrl === edgeUrl ? (session.token as string) : null;
    }, edgeUrl),
  );
  return { token };
}

/** The extension's filter list as stored right now. */
export function storedFilters(browser: ExtensionBrowser) {
  return browser.serviceWorker.evaluate(
    async () =>
      (await chrome.storage.local.get('veneer.filters'))['veneer.filters'] as unknown as Array<{
        id: string;
      }>,
  );
}
