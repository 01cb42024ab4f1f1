import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
/** A fake feed page: the post its context menu was last opened on. */
let underMenu: unknown = null;
vi.mock('../services/protocol.ts', () => ({
  feedPageMessenger: {
    sendMessage: vi.fn(async (type: string) => (type === 'postUnderMenu' ? underMenu : null)),
  },
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { installPostMenus } = await import('./post-menus.ts');
const { ACCOUNT_MENUS, ALWAYS_SHOW_MENU } = await import('./accounts.ts');
const { HIDE_LIKE_MENU, HIDE_TOO_MENU, LEARNING_MENUS } = await import('./learning-menus.ts');
const { loadFilters, loadSettings } = await import('../lib/storage.ts');

type Click = (info: { menuItemId: string; frameId?: number }, tab?: { id?: number }) => void;

/** The real menus over fake context-menu APIs: what was created, and a click on one. */
function installed() {
  const created: string[] = [];
  let onClick: Click = () => {};
  fakeBrowser.contextMenus.create = vi.fn(({ id }: { id: string }) => created.push(id)) as never;
  fakeBrowser.contextMenus.onClicked.addListener = vi.fn((listener: Click) => {
    onClick = listener;
  }) as never;
  installPostMenus([...ACCOUNT_MENUS, ...LEARNING_MENUS]);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return {
    created,
    async click(menuItemId: string, post: unknown) {
      underMenu = post;
      onClick({ menuItemId, frameId: 0 }, { id: 7 });
      await settle();
    },
  };
}

beforeEach(() => fakeBrowser.reset());

describe('the context menu on a post', () => {
  it('creates every post menu at install', async () => {
    const menus = installed();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(menus.created).toEqual([
      'veneer-always-show-account',
      'veneer-hide-account',
      'veneer-hide-posts-like',
      'veneer-hide-this-too',
    ]);
  });

  it('"Hide posts like this" then "Hide this too" make one learned filter and teach it; no text is kept', async () => {
    const menus = installed();
    await menus.click(HIDE_LIKE_MENU, {
      author: '@ann',
      site: 'x',
      text: 'Tarantula venom and spider bites explained',
    });
    await menus.click(HIDE_TOO_MENU, { author: '@bob', site: 'x', text: 'Scorpion stings hurt' });
    const { filters } = await loadFilters();
    expect(filters).toHaveLength(1);
    expect(filters[0]!.learned?.examples.map((e) => e.mark)).toEqual(['hide', 'hide']);
    expect(JSON.stringify(filters)).not.toMatch(/tarantula|scorpion/i);
  });

  it('"Always show" takes the author; a click on no post, or on one with no author, does nothing', async () => {
    const menus = installed();
    await menus.click(ALWAYS_SHOW_MENU, null);
    await menus.click(ALWAYS_SHOW_MENU, { author: '', site: 'x', text: 'hello' });
    expect((await loadSettings()).alwaysShow).toEqual([]);
    await menus.click(ALWAYS_SHOW_MENU, { author: '@ann', site: 'x', text: 'hello' });
    expect((await loadSettings()).alwaysShow).toEqual(['@ann']);
    await menus.click(HIDE_LIKE_MENU, { author: '@ann', site: 'x', text: '' });
    expect((await loadFilters()).filters).toEqual([]);
  });
});
