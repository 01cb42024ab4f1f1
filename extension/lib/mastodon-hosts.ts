import { browser } from 'wxt/browser';
import { loadSettings, saveSettings } from './storage.ts';

/**
 * Mastodon instances the user enabled. Each has its own optional host permission, asked for from
 * the popup when the user turns Veneer on there; the content script is registered at runtime for
 * exactly the instances whose permission is granted (never a blanket permission).
 */
export const MASTODON_SCRIPT_ID = 'veneer-mastodon';
/** The feed content script (entrypoints/feed.content.ts), registered for each enabled instance. */
export const MASTODON_SCRIPT_FILE = '/content-scripts/feed.js' as const;

export const originPattern = (host: string) => `https://${host}/*`;

/** Registers the Mastodon content script for every enabled instance still granted. */
export async function syncMastodonRegistration(): Promise<string[]> {
  const { mastodonHosts } = await loadSettings();
  const granted = new Set((await browser.permissions.getAll()).origins ?? []);
  const hosts = mastodonHosts.filter((host) => granted.has(originPattern(host)));
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [MASTODON_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [MASTODON_SCRIPT_ID] });
  if (hosts.length > 0) {
    await browser.scripting.registerContentScripts([
      {
        id: MASTODON_SCRIPT_ID,
        js: [MASTODON_SCRIPT_FILE.slice(1)],
        matches: hosts.map(originPattern),
        runAt: 'document_start',
        persistAcrossSessions: true,
      },
    ]);
  }
  return hosts;
}

/** The instance the popup is asking permission for, and the tab to start in once granted. */
const PENDING_KEY = 'veneer.mastodon.pending';

/**
 * Popup, on the user's click: remembers the instance, then asks for its host permission. The
 * popup may close while the browser asks; the background finishes in `onPermissionsAdded`.
 */
export async function requestMastodonHost(host: string, tabId: number): Promise<boolean> {
  await browser.storage.session.set({ [PENDING_KEY]: { host, tabId } });
  const { mastodonHosts } = await loadSettings();
  if (!mastodonHosts.includes(host)) await saveSettings({ mastodonHosts: [...mastodonHosts, host] });
  return browser.permissions.request({ origins: [originPattern(host)] });
}

/**
 * Background: a permission was granted (or the popup reports one that already was); register
 * the script and start it in the tab that asked.
 */
export async function onPermissionsAdded(origins: string[]): Promise<void> {
  await syncMastodonRegistration();
  const pending = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as
    | { host: string; tabId: number }
    | undefined;
  if (!pending || !origins.includes(originPattern(pending.host))) return;
  await browser.storage.session.remove(PENDING_KEY);
  await browser.scripting.executeScript({ target: { tabId: pending.tabId }, files: [MASTODON_SCRIPT_FILE] });
}
