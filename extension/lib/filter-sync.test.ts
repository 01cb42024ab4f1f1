import type { Filter } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { type FilterSyncApi, type FilterSyncStore, type SyncedFilters, syncFilters } from './filter-sync.ts';

const f = (id: string, words = id): Filter => ({
  id,
  words,
  action: 'collapse',
  enabled: true,
  sensitivity: 'medium',
  lookIn: ['text'],
  imageExamples: [],
  from: [],
  exceptFrom: [],
  kinds: [],
  sites: [],
});

/** A fake edge holding one versioned list, refusing stale writes like the real one. */
function fakeServer(initial: SyncedFilters) {
  const state = { ...initial, writes: 0 };
  const api: FilterSyncApi = {
    async get() {
      return { version: state.version, filters: state.filters };
    },
    async put(version, filters) {
      if (version !== state.version) return { conflict: { version: state.version, filters: state.filters } };
      state.version++;
      state.filters = filters;
      state.writes++;
      return { version: state.version };
    },
  };
  return { api, state };
}

/** A fake device store. */
function fakeDevice(local: Filter[], base: SyncedFilters) {
  const state = { local, base };
  const store: FilterSyncStore = {
    local: async () => state.local,
    setLocal: async (filters) => {
      state.local = filters;
    },
    base: async () => state.base,
    setBase: async (synced) => {
      state.base = synced;
    },
  };
  return { store, state };
}

describe('syncFilters', () => {
  it('pushes a local change', async () => {
    const server = fakeServer({ version: 1, filters: [f('a')] });
    const device = fakeDevice([f('a'), f('b')], { version: 1, filters: [f('a')] });
    expect(await syncFilters(server.api, device.store)).toBe('pushed');
    expect(server.state).toMatchObject({ version: 2, filters: [f('a'), f('b')] });
    expect(device.state.base).toEqual({ version: 2, filters: [f('a'), f('b')] });
  });

  it('pulls a remote change when nothing changed here', async () => {
    const server = fakeServer({ version: 3, filters: [f('x')] });
    const device = fakeDevice([f('a')], { version: 1, filters: [f('a')] });
    expect(await syncFilters(server.api, device.store)).toBe('pulled');
    expect(device.state.local).toEqual([f('x')]);
    expect(server.state.writes).toBe(0);
  });

  it('merges when both sides changed, and writes the merge', async () => {
    const server = fakeServer({ version: 2, filters: [f('a'), f('remote')] });
    const device = fakeDevice([f('a'), f('local')], { version: 1, filters: [f('a')] });
    expect(await syncFilters(server.api, device.store)).toBe('merged');
    expect(server.state.filters.map((x) => x.id)).toEqual(['a', 'remote', 'local']);
    expect(device.state.local).toEqual(server.state.filters);
  });

  it('merges again when another device writes between read and write', async () => {
    const server = fakeServer({ version: 1, filters: [f('a')] });
    const device = fakeDevice([f('a'), f('mine')], { version: 1, filters: [f('a')] });
    const get = server.api.get;
    server.api.get = async () => {
      const seen = await get();
      await server.api.put(server.state.version, [...server.state.filters, f('theirs')]);
      return seen;
    };
    expect(await syncFilters(server.api, device.store)).toBe('merged');
    expect(server.state.filters.map((x) => x.id)).toEqual(['a', 'theirs', 'mine']);
  });

  it('does nothing when already in step', async () => {
    const server = fakeServer({ version: 4, filters: [f('a')] });
    const device = fakeDevice([f('a')], { version: 4, filters: [f('a')] });
    expect(await syncFilters(server.api, device.store)).toBe('unchanged');
    expect(server.state.writes).toBe(0);
  });
});
