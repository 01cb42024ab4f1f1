import type { Filter } from '@veneer/shared/filters';
import { browser } from 'wxt/browser';
import { type SharedListAnswer, shareList } from '../lib/edge-api.ts';
import type { Session } from '../lib/storage-keys.ts';

/** The lists this browser shared through Veneer's server: it can publish new versions of them. */
export const SHARED_LISTS_STORAGE_KEY = 'veneer.lists.shared';

export interface SharedList extends SharedListAnswer {
  title: string;
  /** The filters it holds (by id in the person's own list). */
  filterIds: string[];
}

export async function sharedLists(): Promise<SharedList[]> {
  const stored = (await browser.storage.local.get(SHARED_LISTS_STORAGE_KEY))[SHARED_LISTS_STORAGE_KEY];
  return Array.isArray(stored) ? (stored as SharedList[]) : [];
}

/**
 * Shares the chosen filters as a list (a new one, or a new version of one this browser shared):
 * only the chosen filters leave the device, as the list's document, with no user id.
 */
export async function share(
  session: Pick<Session, 'edgeUrl' | 'token'>,
  ownFilters: readonly Filter[],
  request: { title: string; filterIds: string[]; id?: string },
): Promise<SharedList> {
  const chosen = ownFilters.filter((filter) => request.filterIds.includes(filter.id));
  if (chosen.length === 0) throw new Error('choose at least one of your filters to share');
  const answer = await shareList(
    session.edgeUrl,
    session.token,
    { title: request.title, filters: chosen },
    request.id,
  );
  const shared: SharedList = { ...answer, title: request.title, filterIds: chosen.map((f) => f.id) };
  const lists = await sharedLists();
  await browser.storage.local.set({
    [SHARED_LISTS_STORAGE_KEY]: [...lists.filter((list) => list.id !== shared.id), shared],
  });
  return shared;
}
