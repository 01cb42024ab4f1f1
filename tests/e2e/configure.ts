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
  await feedPagesHaveFilters(browser, setup.filters, setup.cloudProcessing ?? true);
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

/**
 * Stores a filter list with cloud processing off, as a user who never signs in to anything has
 * it: word filters and on-device models only, nothing needs the edge or the inference node.
 */
export async function useFiltersOnDevice(browser: ExtensionBrowser, filters: unknown[]): Promise<void> {
  await browser.serviceWorker.evaluate(async (list) => {
    await chrome.storage.local.set({ 'veneer.settings': { cloudProcessing: false }, 'veneer.filters': list });
  }, filters);
  await feedPagesHaveFilters(browser, filters as Array<{ id: string }>, false);
}

/**
 * Waits until the background has published `filters` and `cloudProcessing` for the feed pages
 * (lib/feed-config.ts), as it does moments after the options page saves them, so a page opened
 * next judges with them (not with what an earlier step stored).
 */
export async function feedPagesHaveFilters(
  browser: ExtensionBrowser,
  filters: Array<{ id: string; words?: string; action?: string }>,
  cloudProcessing: boolean,
) {
  const key = (list: Array<{ id: string; words?: string; action?: string }>) =>
    list.map((f) => `${f.id}|${f.words ?? ''}|${f.action ?? ''}`).join('\n');
  const wanted = `${cloudProcessing}\n${key(filters)}`;
  await waitFor('the filters to reach the feed pages', async () => {
    const published = await browser.serviceWorker.evaluate(async () => {
      const { 'veneer.feed-config': config } = await chrome.storage.local.get('veneer.feed-config');
      return config as
        | {
            filters: Array<{ id: string; words: string; action: string }>;
            problem: string | null;
            cloudProcessing: boolean;
          }
        | undefined;
    });
    // A list the extension refuses is published as a problem instead.
    return (
      published !== undefined &&
      (published.problem !== null || `${published.cloudProcessing}\n${key(published.filters)}` === wanted)
    );
  });
}
