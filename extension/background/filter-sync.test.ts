import { FilterSchema } from '@veneer/shared/filters';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../lib/storage-keys.ts';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
/** A fake edge: the filter list it holds, and what was written to it. */
const edge = vi.hoisted(() => ({ version: 0, filters: [] as unknown[], puts: 0 }));
vi.mock('../lib/edge-api.ts', async (original) => ({
  ...(await original<typeof import('../lib/edge-api.ts')>()),
  getFilters: async () => ({ version: edge.version, filters: edge.filters }),
  putFilters: async (_url: string, _token: string, version: number, filters: unknown[]) => {
    if (version !== edge.version) return { conflict: { version: edge.version, filters: edge.filters } };
    edge.puts++;
    edge.version++;
    edge.filters = filters;
    return { version: edge.version };
  },
}));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { loadFilters, saveFilters, saveSettings } = await import('../lib/storage.ts');
const { FilterSyncService } = await import('./filter-sync.ts');

const session: Session = { edgeUrl: 'https://edge.test', userId: 'u', token: 't', expiresAt: 1e10 };
const spiders = FilterSchema.parse({ id: 'spiders', words: 'spiders', action: 'hide' });

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(edge, { version: 0, filters: [], puts: 0 });
});
afterEach(() => vi.useRealTimers());

describe('FilterSyncService', () => {
  it('puts the local list on the edge, and takes the edge’s list when only it changed', async () => {
    const errors: string[] = [];
    const sync = new FilterSyncService(
      async () => session,
      (m) => errors.push(m),
    );
    await saveFilters([spiders]);
    await sync.sync();
    expect(edge.filters).toEqual([spiders]);
    edge.filters = [{ ...spiders, action: 'blur' }];
    edge.version++;
    await sync.sync();
    expect((await loadFilters()).filters).toEqual([{ ...spiders, action: 'blur' }]);
    expect(errors).toEqual([]);
  });

  it("never syncs a local list it cannot read: the edge's copy and the stored list stay as they were", async () => {
    const errors: string[] = [];
    const sync = new FilterSyncService(
      async () => session,
      (m) => errors.push(m),
    );
    await saveFilters([spiders]);
    await sync.sync();
    expect(edge.filters).toEqual([spiders]);
    const broken = [{ id: 'spiders', words: 'spiders', action: 'explode' }];
    await fakeBrowser.storage.local.set({ 'veneer.filters': broken });
    await sync.sync();
    expect(edge.filters).toEqual([spiders]);
    expect(edge.puts).toBe(1);
    expect((await fakeBrowser.storage.local.get('veneer.filters'))['veneer.filters']).toEqual(broken);
    expect(errors).toEqual([expect.stringMatching(/^filter sync: Your filter list could not be read/)]);
  });

  it('does nothing when the user turned sync off, and reports a failure instead of throwing', async () => {
    await saveSettings({ syncFilters: false });
    await saveFilters([spiders]);
    await new FilterSyncService(
      async () => session,
      () => {},
    ).sync();
    expect(edge.puts).toBe(0);
    await saveSettings({ syncFilters: true });
    const errors: string[] = [];
    await new FilterSyncService(
      async () => {
        throw new Error('offline');
      },
      (m) => errors.push(m),
    ).sync();
    expect(errors).toEqual(['filter sync: offline']);
  });

  it('syncs a second after the last local change, once', async () => {
    vi.useFakeTimers();
    const sync = new FilterSyncService(
      async () => session,
      () => {},
    );
    const run = vi.spyOn(sync, 'sync').mockResolvedValue();
    sync.filtersChanged();
    await vi.advanceTimersByTimeAsync(500);
    sync.filtersChanged();
    await vi.advanceTimersByTimeAsync(999);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
