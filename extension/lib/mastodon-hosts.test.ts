import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { saveSettings } = await import('./storage.ts');
const { MASTODON_SCRIPT_ID, syncMastodonRegistration } = await import('./mastodon-hosts.ts');

/** Fake permissions and scripting: the granted origins, and the content scripts registered. */
function fakeScripting(granted: string[]) {
  const registered: Array<{ id: string; matches?: string[]; js?: string[] }> = [];
  Object.assign(fakeBrowser.permissions, { getAll: async () => ({ origins: granted }) });
  Object.assign(fakeBrowser.scripting, {
    getRegisteredContentScripts: async () => registered,
    unregisterContentScripts: async () => {
      registered.length = 0;
    },
    registerContentScripts: async (scripts: typeof registered) => {
      registered.push(...scripts);
    },
  });
  return registered;
}

beforeEach(() => fakeBrowser.reset());

describe('Mastodon hosts', () => {
  it('registers the feed script for the enabled instances whose permission is granted, and only those', async () => {
    const registered = fakeScripting(['https://mastodon.social/*']);
    await saveSettings({ mastodonHosts: ['mastodon.social', 'fosstodon.org'] });
    expect(await syncMastodonRegistration()).toEqual(['mastodon.social']);
    expect(registered).toEqual([
      expect.objectContaining({
        id: MASTODON_SCRIPT_ID,
        matches: ['https://mastodon.social/*'],
        js: ['content-scripts/feed.js'],
      }),
    ]);
  });

  it('unregisters the script when no instance is left', async () => {
    const registered = fakeScripting([]);
    registered.push({ id: MASTODON_SCRIPT_ID });
    await saveSettings({ mastodonHosts: ['mastodon.social'] });
    expect(await syncMastodonRegistration()).toEqual([]);
    expect(registered).toEqual([]);
  });
});
