import { type Filter, mergeFilters, sameFilters } from '@veneer/shared/filters';

export interface SyncedFilters {
  version: number;
  filters: Filter[];
}

export interface FilterSyncApi {
  get(): Promise<SyncedFilters>;
  /** Writes based on `version`; `conflict` carries the list another device wrote meanwhile. */
  put(version: number, filters: Filter[]): Promise<{ version: number } | { conflict: SyncedFilters }>;
}

export interface FilterSyncStore {
  local(): Promise<Filter[]>;
  setLocal(filters: Filter[]): Promise<void>;
  /** The list this device and the server last agreed on. */
  base(): Promise<SyncedFilters>;
  setBase(synced: SyncedFilters): Promise<void>;
}

export type SyncOutcome = 'unchanged' | 'pushed' | 'pulled' | 'merged';

/**
 * Brings this device's filters and the server's together: a local change is written with the
 * version it was based on; when another device wrote in between (409), the three lists are merged
 * and the merge is written instead, so neither device's change is silently lost.
 */
export async function syncFilters(
  api: FilterSyncApi,
  store: FilterSyncStore,
  attempts = 3,
): Promise<SyncOutcome> {
  let remote = await api.get();
  for (let attempt = 0; attempt < attempts; attempt++) {
    const [local, base] = [await store.local(), await store.base()];
    const merged =
      remote.version === base.version ? local : mergeFilters(base.filters, local, remote.filters);
    if (!sameFilters(merged, local)) await store.setLocal(merged);
    if (sameFilters(merged, remote.filters)) {
      await store.setBase(remote);
      return sameFilters(merged, local) ? 'unchanged' : 'pulled';
    }
    const written = await api.put(remote.version, merged);
    if ('version' in written) {
      await store.setBase({ version: written.version, filters: merged });
      return remote.version === base.version ? 'pushed' : 'merged';
    }
    remote = written.conflict;
  }
  throw new Error('the filters kept changing on another device; try again');
}
