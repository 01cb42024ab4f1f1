import { browser } from 'wxt/browser';
import { FEED_MATCHES } from '../content/sites.ts';
import { loadSettings } from '../lib/storage.ts';
import { feedPageMessenger, type MenuPost } from '../services/protocol.ts';

/** A context menu item on a feed page's posts, and what it does with the post under the pointer. */
export interface PostMenu {
  id: string;
  title: string;
  onPost(post: MenuPost): Promise<unknown> | undefined;
}

/** The feed pages the menus show on: the sites' pages and the Mastodon instances the user enabled. */
export const postMenuPages = (mastodonHosts: readonly string[]) => [
  ...FEED_MATCHES,
  ...mastodonHosts.map((host) => `https://${host}/*`),
];

/** The menus follow the Mastodon instances enabled (registered with the feed script). */
export async function updatePostMenus(
  menus: readonly PostMenu[],
  mastodonHosts: readonly string[],
): Promise<void> {
  for (const { id } of menus)
    await browser.contextMenus
      .update(id, { documentUrlPatterns: postMenuPages(mastodonHosts) })
      .catch(() => undefined);
}

/**
 * Creates the menus at install and answers their clicks: the page says which post the menu was
 * opened on (it remembers the last one), and the menu's `onPost` gets it. A click on no post does
 * nothing; a failure is dropped (there is no page to tell: the menu is gone).
 */
export function installPostMenus(menus: readonly PostMenu[]): void {
  browser.runtime.onInstalled.addListener(async () => {
    const { mastodonHosts } = await loadSettings();
    for (const { id, title } of menus)
      browser.contextMenus.create({
        id,
        title,
        contexts: ['page', 'link', 'image', 'selection'],
        documentUrlPatterns: postMenuPages(mastodonHosts),
      });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const menu = menus.find((m) => m.id === info.menuItemId);
    if (!menu || tab?.id === undefined) return;
    void feedPageMessenger
      .sendMessage('postUnderMenu', undefined, { tabId: tab.id, frameId: info.frameId ?? 0 })
      .then((post) => (post ? menu.onPost(post) : undefined))
      .catch(() => undefined);
  });
}
