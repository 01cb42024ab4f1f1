import { describe, expect, it, vi } from 'vitest';

/**
 * A zod schema constructed while a content script loads costs every page of that site 30-50 ms of
 * its main thread (zod's code is compiled on first use; Chrome keeps no code cache for content
 * scripts). This fake zod throws on any use, and every feed content script must still load.
 */
vi.mock('zod', () => ({
  z: new Proxy(
    {},
    {
      get(_, name) {
        throw new Error(`z.${String(name)} used while a content script loads`);
      },
    },
  ),
}));

const FEED_SCRIPTS = ['feed', 'youtube-preview'];

describe('content scripts construct no schema when they load', () => {
  it.each(FEED_SCRIPTS)('%s', async (name) => {
    const entry = await import(`../entrypoints/${name}.content.ts`);
    expect(typeof entry.default.main).toBe('function');
  });

  it('the fake zod does catch a module that builds schemas at load', async () => {
    await expect(import('../lib/storage-keys.ts')).rejects.toThrow(/used while a content script loads/);
  });
});
