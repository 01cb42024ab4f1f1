import { browser } from 'wxt/browser';
import { feedPageMessenger } from '../services/protocol.ts';
import { accountMenuPages } from './accounts.ts';
import { markPost } from './learning.ts';

export const HIDE_LIKE_MENU = 'veneer-hide-posts-like';
export const HIDE_TOO_MENU = 'veneer-hide-this-too';

const MENUS = [
  [HIDE_LIKE_MENU, 'Veneer: hide posts like this'],
  [HIDE_TOO_MENU, 'Veneer: hide this too (teach a learned filter)'],
] as const;

/** The menus follow the Mastodon instances enabled, as the account menus do. */
export async function updateLearningMenus(mastodonHosts: readonly string[]): Promise<void> {
  for (const [id] of MENUS)
    await browser.contextMenus
      .update(id, { documentUrlPatterns: accountMenuPages(mastodonHosts) })
      .catch(() => undefined);
}

/**
 * The feed pages' context menu on a post: "Hide posts like this" (a learned filter made or
 * extended from it) and "Hide this too" (a positive example for the learned filter closest to it).
 * The page says which post the menu was opened on, and its text, which is learned from here.
 */
export function installLearningMenus(mastodonHosts: () => Promise<readonly string[]>): void {
  browser.runtime.onInstalled.addListener(async () => {
    const hosts = await mastodonHosts();
    for (const [id, title] of MENUS)
      browser.contextMenus.create({
        id,
        title,
        contexts: ['page', 'link', 'image', 'selection'],
        documentUrlPatterns: accountMenuPages(hosts),
      });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== HIDE_LIKE_MENU && info.menuItemId !== HIDE_TOO_MENU) return;
    if (tab?.id === undefined) return;
    void feedPageMessenger
      .sendMessage('postUnderMenu', undefined, { tabId: tab.id, frameId: info.frameId ?? 0 })
      .then((post) => {
        if (!post?.text) return;
        return markPost({ mark: info.menuItemId === HIDE_LIKE_MENU ? 'like' : 'hide', text: post.text });
      })
      .catch(() => undefined);
  });
}
