import { FilterSchema } from '@veneer/shared/filters';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { loadFilters, loadSettings, saveFilters } = await import('../lib/storage.ts');
const { accountEntry, alwaysShowAccount, hideAccount, withAlwaysShow, withHiddenAccount } = await import(
  './accounts.ts'
);
const { postMenuPages } = await import('./post-menus.ts');

beforeEach(() => fakeBrowser.reset());

describe('accounts from posts', () => {
  it('writes an account as lists name it: Reddit usernames with u/, others as the site writes them', () => {
    expect(accountEntry({ author: 'alice', site: 'reddit' })).toBe('u/alice');
    expect(accountEntry({ author: '@alice', site: 'x' })).toBe('@alice');
    expect(accountEntry({ author: 'alice.bsky.social', site: 'bluesky' })).toBe('alice.bsky.social');
  });

  it('adds an account to the allowlist once, however it is written there', () => {
    expect(withAlwaysShow([], { author: '@Alice', site: 'x' })).toEqual(['@Alice']);
    expect(withAlwaysShow(['@alice'], { author: '@Alice', site: 'x' })).toEqual(['@alice']);
    expect(withAlwaysShow(['u/bob'], { author: 'bob', site: 'reddit' })).toEqual(['u/bob']);
  });

  it('hides an account on its site with one filter, switched on again when it exists', () => {
    const once = withHiddenAccount([], { author: '@spammer', site: 'x' });
    expect(once).toEqual([
      FilterSchema.parse({ id: 'from:x:@spammer', action: 'hide', from: ['@spammer'], sites: ['x'] }),
    ]);
    const off = [{ ...once[0]!, enabled: false }];
    expect(withHiddenAccount(off, { author: '@spammer', site: 'x' })).toEqual(once);
  });

  it('does not write over a filter list it could not read', async () => {
    const broken = [{ id: 'a', words: 'x', action: 'explode' }];
    await fakeBrowser.storage.local.set({ 'veneer.filters': broken });
    await expect(hideAccount({ author: '@spammer', site: 'x' })).rejects.toThrow(
      /could not be read.*Nothing was changed/,
    );
    expect((await fakeBrowser.storage.local.get('veneer.filters'))['veneer.filters']).toEqual(broken);
  });

  it('saves them to the settings and the filter list, and refuses a post with no known author', async () => {
    await alwaysShowAccount({ author: '@friend', site: 'x' });
    expect((await loadSettings()).alwaysShow).toEqual(['@friend']);
    await saveFilters([]);
    await hideAccount({ author: 'spammer', site: 'reddit' });
    expect((await loadFilters()).filters.map((f) => f.from)).toEqual([['u/spammer']]);
    await expect(alwaysShowAccount({ author: '', site: 'x' })).rejects.toThrow(/does not know who posted/);
  });

  it("shows the menus on the sites' pages and the Mastodon instances enabled", () => {
    const pages = postMenuPages(['mastodon.social']);
    expect(pages).toContain('https://x.com/*');
    expect(pages).toContain('https://mastodon.social/*');
  });
});
