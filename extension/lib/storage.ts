import { type Filter, FilterListSchema } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import { t } from './i18n.ts';
import { readableFilters } from './readable-filters.ts';
import {
  FILTERS_STORAGE_KEY,
  FILTERS_SYNCED_STORAGE_KEY,
  PUSH_STORAGE_KEY,
  type PushState,
  PushStateSchema,
  SESSION_STORAGE_KEY,
  SETTINGS_STORAGE_KEY,
  type Session,
  SessionSchema,
  type Settings,
  SettingsSchema,
} from './storage-keys.ts';

export interface FilterLoad {
  /** The filters in use: all of them, or those that could be read. */
  filters: Filter[];
  /** Set when the stored list is not valid (or part of it); the extension shows it instead of guessing. */
  problem: string | null;
  /** The list as stored, when it could not all be read: for repairing it by hand. */
  stored?: unknown;
}

/**
 * The stored filter list. When part of it cannot be read (written by a newer version, or a
 * filter an update now refuses), the rest is used and the problem names the others; nothing is
 * written over the stored list until the person repairs or replaces it.
 */
export async function loadFilters(): Promise<FilterLoad> {
  const stored = (await browser.storage.local.get(FILTERS_STORAGE_KEY))[FILTERS_STORAGE_KEY];
  if (stored === undefined) return { filters: [], problem: null };
  const parsed = FilterListSchema.safeParse(stored);
  if (parsed.success) return { filters: parsed.data, problem: null };
  const { filters, unreadable } = Array.isArray(stored)
    ? readableFilters(stored)
    : { filters: [], unreadable: [] };
  if (filters.length === 0) {
    return {
      filters: [],
      problem: t('problem.listUnreadable', { reason: parsed.error.issues[0]?.message ?? '' }),
      stored,
    };
  }
  return {
    filters,
    problem: t('problem.someFiltersUnreadable', unreadable.length, {
      which: unreadable.map((u) => `#${u.position} "${u.label}": ${u.reason}`).join('; '),
    }),
    stored,
  };
}

/**
 * The filter list, for a change to it: a list that could not be read is refused (thrown, with
 * why), never taken as empty, so that nothing writes over it (or syncs it away) by accident.
 */
export async function loadFiltersToChange(): Promise<Filter[]> {
  const { filters, problem } = await loadFilters();
  if (problem) throw new Error(t('problem.nothingChanged', { problem }));
  return filters;
}

export async function saveFilters(filters: Filter[]): Promise<void> {
  await browser.storage.local.set({ [FILTERS_STORAGE_KEY]: FilterListSchema.parse(filters) });
}

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY];
  const parsed = SettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = SettingsSchema.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: next });
  return next;
}

export async function loadSession(): Promise<Session | null> {
  const stored = (await browser.storage.local.get(SESSION_STORAGE_KEY))[SESSION_STORAGE_KEY];
  const parsed = SessionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export async function saveSession(session: Session | null): Promise<void> {
  if (session) await browser.storage.local.set({ [SESSION_STORAGE_KEY]: session });
  else await browser.storage.local.remove(SESSION_STORAGE_KEY);
}

/** The push position for `owner`, or a new session starting at 0 when the owner changed. */
export async function loadPushState(owner: string): Promise<PushState> {
  const stored = PushStateSchema.safeParse(
    (await browser.storage.local.get(PUSH_STORAGE_KEY))[PUSH_STORAGE_KEY],
  );
  if (stored.success && stored.data.owner === owner) return stored.data;
  const fresh = { owner, sessionId: crypto.randomUUID(), lastSeq: 0 };
  await savePushState(fresh);
  return fresh;
}

export async function savePushState(state: PushState): Promise<void> {
  await browser.storage.local.set({ [PUSH_STORAGE_KEY]: state });
}

/** The filter list this device and the edge last agreed on, for `owner` (`userId@edgeUrl`). */
export async function loadSyncedFilters(owner: string): Promise<{ version: number; filters: Filter[] }> {
  const stored = (await browser.storage.local.get(FILTERS_SYNCED_STORAGE_KEY))[FILTERS_SYNCED_STORAGE_KEY] as
    | { owner: string; version: number; filters: unknown }
    | undefined;
  const filters = FilterListSchema.safeParse(stored?.filters);
  if (!stored || stored.owner !== owner || !filters.success) return { version: 0, filters: [] };
  return { version: stored.version, filters: filters.data };
}

export async function saveSyncedFilters(
  owner: string,
  synced: { version: number; filters: Filter[] },
): Promise<void> {
  await browser.storage.local.set({ [FILTERS_SYNCED_STORAGE_KEY]: { owner, ...synced } });
}
