import { AccountSet, type Filter, FilterSchema } from '@veneer/shared/filters';
import { t } from '../lib/i18n.ts';
import { loadFiltersToChange, loadSettings, saveFilters, saveSettings } from '../lib/storage.ts';
import type { PostMenu } from './post-menus.ts';

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
  if (!account.author) throw new Error(t('problem.whoPosted'));
  const { alwaysShow } = await loadSettings();
  await saveSettings({ alwaysShow: withAlwaysShow(alwaysShow, account) });
}

export async function hideAccount(account: PostAccount): Promise<void> {
  if (!account.author) throw new Error(t('problem.whoPosted'));
  await saveFilters(withHiddenAccount(await loadFiltersToChange(), account));
}

/** The feed pages' context menu on a post: "Always show posts from this account", "Hide posts from this account". */
export const ACCOUNT_MENUS: readonly PostMenu[] = [
  {
    id: ALWAYS_SHOW_MENU,
    title: t('menu.alwaysShow'),
    onPost: (post) => (post.author ? alwaysShowAccount(post) : undefined),
  },
  {
    id: HIDE_ACCOUNT_MENU,
    title: t('menu.hideAccount'),
    onPost: (post) => (post.author ? hideAccount(post) : undefined),
  },
];
