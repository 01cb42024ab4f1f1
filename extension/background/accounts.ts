import { AccountSet, type Filter, FilterSchema } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import { FEED_MATCHES } from '../content/sites.ts';
import { loadFilters, loadSettings, saveFilters, saveSettings } from '../lib/storage.ts';
import { feedPageMessenger } from '../services/protocol.ts';

export const ALWAYS_SHOW_MENU = 'veneer-always-show-account';
export const HIDE_ACCOUNT_MENU = 'veneer-hide-account';

/** Who a post is from, as a feed page read it (for the menus and the notice's button). */
export interface PostAccount {
  /** The handle as the site writes it ("@alice", "alice.bsky.social", "u/alice"). */
  author: string;
  site: string;
}

/** How an account is written in a list: Reddit's plain usernames get their "u/". */
export function accountEntry({ author, site }: PostAccount): string {
  return site === 'reddit' && !/^(u\/|@)/.test(author) ? `u/${author}` : author;
}

/** The allowlist with the account added (unchanged when it names the account already). */
export function withAlwaysShow(list: readonly string[], account: PostAccount): string[] {
  const entry = accountEntry(account);
  return new AccountSet(list).has({ author: account.author }) ? [...list] : [...list, entry];
}

/**
 * The filter list with the account's posts hidden on its site: one filter per account, switched on
 * again when it exists.
 */
export function withHiddenAccount(filters: readonly Filter[], account: PostAccount): Filter[] {
  const entry = accountEntry(account);
  const id = `from:${account.site}:${entry.toLowerCase()}`.slice(0, 64);
  if (filters.some((f) => f.id === id))
    return filters.map((f) => (f.id === id ? { ...f, enabled: true } : f));
  return [...filters, FilterSchema.parse({ id, action: 'hide', from: [entry], sites: [account.site] })];
}

export async function alwaysShowAccount(account: PostAccount): Promise<void> {
  if (!account.author) throw new Error('Veneer does not know who posted this');
  const { alwaysShow } = await loadSettings();
  await saveSettings({ alwaysShow: withAlwaysShow(alwaysShow, account) });
}

export async function hideAccount(account: PostAccount): Promise<void> {
  if (!account.author) throw new Error('Veneer does not know who posted this');
  const { filters } = await loadFilters();
  await saveFilters(withHiddenAccount(filters, account));
}

const MENUS = [
  [ALWAYS_SHOW_MENU, 'Veneer: always show posts from this account'],
  [HIDE_ACCOUNT_MENU, 'Veneer: hide posts from this account'],
] as const;

/** The feed pages the menus show on: the sites' pages and the Mastodon instances the user enabled. */
export const accountMenuPages = (mastodonHosts: readonly string[]) => [
  ...FEED_MATCHES,
  ...mastodonHosts.map((host) => `https://${host}/*`),
];

/** The menus follow the Mastodon instances enabled (registered with the feed script). */
export async function updateAccountMenus(mastodonHosts: readonly string[]): Promise<void> {
  for (const [id] of MENUS)
    await browser.contextMenus
      .update(id, { documentUrlPatterns: accountMenuPages(mastodonHosts) })
      .catch(() => undefined);
}

/**
 * The feed pages' context menu: "Always show posts from this account" and "Hide posts from this
 * account", for the post under the pointer (the page remembers which one it was).
 */
export function installAccountMenus(): void {
  browser.runtime.onInstalled.addListener(async () => {
    const { mastodonHosts } = await loadSettings();
    for (const [id, title] of MENUS)
      browser.contextMenus.create({
        id,
        title,
        contexts: ['page', 'link', 'image', 'selection'],
        documentUrlPatterns: accountMenuPages(mastodonHosts),
      });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== ALWAYS_SHOW_MENU && info.menuItemId !== HIDE_ACCOUNT_MENU) return;
    if (tab?.id === undefined) return;
    void feedPageMessenger
      .sendMessage('postUnderMenu', undefined, { tabId: tab.id, frameId: info.frameId ?? 0 })
      .then((account) => {
        if (!account?.author) return;
        return info.menuItemId === ALWAYS_SHOW_MENU ? alwaysShowAccount(account) : hideAccount(account);
      })
      .catch(() => undefined);
  });
}
