import { getFilters, putFilters } from '../lib/edge-api.ts';
import { syncFilters } from '../lib/filter-sync.ts';
import {
  loadFiltersToChange,
  loadSettings,
  loadSyncedFilters,
  saveFilters,
  saveSyncedFilters,
} from '../lib/storage.ts';
import type { Session } from '../lib/storage-keys.ts';
import { ownerOf } from './session.ts';

/**
 * Keeps the filter list on the edge too (when the user wants it), so their other browsers get it:
 * a second after each local change, and whenever the background connects. The list this sync
 * writes locally does not start another sync.
 */
export class FilterSyncService {
  private writing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ensureSession: () => Promise<Session>,
    private readonly onError: (message: string) => void,
  ) {}

  /** The stored filters changed: sync soon, unless this sync wrote them. */
  filtersChanged(): void {
    if (!this.writing) this.schedule();
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, 1000);
  }

  async sync(): Promise<void> {
    if (!(await loadSettings()).syncFilters) return;
    try {
      const session = await this.ensureSession();
      const owner = ownerOf(session);
      await syncFilters(
        {
          get: () => getFilters(session.edgeUrl, session.token),
          put: (version, filters) => putFilters(session.edgeUrl, session.token, version, filters),
        },
        {
          local: loadFiltersToChange,
          setLocal: async (filters) => {
            this.writing = true;
            try {
              await saveFilters(filters);
            } finally {
              this.writing = false;
            }
          },
          base: () => loadSyncedFilters(owner),
          setBase: (synced) => saveSyncedFilters(owner, synced),
        },
      );
    } catch (error) {
      this.onError(`filter sync: ${(error as Error).message}`);
    }
  }
}
