import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { fakeBrowser } = await import('wxt/testing/fake-browser');
const { loadFilters, loadFiltersToChange } = await import('./storage.ts');

beforeEach(() => fakeBrowser.reset());

describe('loadFilters', () => {
  it('uses the filters it can read when one cannot be, names that one, and changes nothing stored', async () => {
    const stored = [
      { id: 'spiders', words: 'spiders', action: 'collapse' },
      { id: 'newer', words: 'x', action: 'hide', kinds: ['hologram'] },
    ];
    await fakeBrowser.storage.local.set({ 'veneer.filters': stored });
    const load = await loadFilters();
    expect(load.filters.map((f) => f.id)).toEqual(['spiders']);
    expect(load.problem).toMatch(
      /^One of your filters could not be read and is not used \(#2 "newer": .+\); the others work$/,
    );
    expect(load.stored).toEqual(stored);
    // Nothing writes over the stored list until the person repairs it.
    await expect(loadFiltersToChange()).rejects.toThrow(/Nothing was changed/);
    expect((await fakeBrowser.storage.local.get('veneer.filters'))['veneer.filters']).toEqual(stored);
  });

  it('says the whole list is unreadable when nothing in it is a filter', async () => {
    await fakeBrowser.storage.local.set({ 'veneer.filters': { not: 'a list' } });
    expect(await loadFilters()).toMatchObject({
      filters: [],
      problem: expect.stringMatching(/^Your filter list could not be read/),
    });
  });
});
