import type { Filter } from '@veneer/shared/filters';
import { readCappedText } from '@veneer/shared/http/read-capped';
import { LIST_MAX_BYTES, listAddressProblem, parseListDocument } from '@veneer/shared/lists';
import { browser } from 'wxt/browser';

export const LISTS_STORAGE_KEY = 'veneer.lists';
/** How long a list's fetch may take. */
const FETCH_TIMEOUT_MS = 15_000;

/** A filter list the person subscribed to (its filters apply read-only, each switchable). */
export interface Subscription {
  url: string;
  title: string;
  homepage?: string;
  /** When the list says it changed, and its version (lists shared through Veneer's server). */
  updated?: string;
  version?: number;
  filters: Filter[];
  /** Ids of its filters the person switched off. */
  off: string[];
  /** When it was last fetched with success (epoch ms), and its validators for the next ask. */
  fetchedAt: number;
  etag?: string;
  lastModified?: string;
  /** Why the last refresh failed (the list keeps its filters). */
  problem?: string;
}

export interface SubscriptionDeps {
  /** Veneer's server: its lists may be on it, on any address (a local one when run locally). */
  edgeUrl(): Promise<string>;
  /** The feed pages' config must be published again (a list's filters changed). */
  onChange(): void;
  fetch?: typeof fetch;
}

/** The filters of the lists that apply, ids made unique per list (`list:<n>:<id>`). */
export function subscribedFilters(subscriptions: readonly Subscription[]): Filter[] {
  return subscriptions.flatMap((subscription, index) =>
    subscription.filters
      .filter((filter) => !subscription.off.includes(filter.id))
      .map((filter) => ({ ...filter, id: `list:${index}:${filter.id}` })),
  );
}

/**
 * Filter lists subscribed to by address, as uBlock Origin subscribes to ad lists: fetched and
 * checked (https and a public address, after redirects too; at most 1 MB; schema-checked), kept,
 * refreshed daily with conditional requests, and kept as they were when a refresh fails (the
 * failure is shown). A list that cannot be read changes nothing else.
 */
export class Subscriptions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SubscriptionDeps) {}

  async list(): Promise<Subscription[]> {
    const stored = (await browser.storage.local.get(LISTS_STORAGE_KEY))[LISTS_STORAGE_KEY];
    return Array.isArray(stored) ? (stored as Subscription[]) : [];
  }

  /** Subscribes to the list at `url` (refreshes it when subscribed already); throws why not. */
  subscribe(url: string): Promise<Subscription> {
    return this.serially(async () => {
      const address = url.trim();
      const fetched = await this.fetchList(address);
      if (fetched === 'unchanged') throw new Error('the list did not answer with its contents');
      const lists = await this.list();
      const existing = lists.find((s) => s.url === address);
      const subscription: Subscription = { ...fetched, url: address, off: existing?.off ?? [] };
      await this.save(
        existing ? lists.map((s) => (s.url === address ? subscription : s)) : [...lists, subscription],
      );
      return subscription;
    });
  }

  unsubscribe(url: string): Promise<void> {
    return this.serially(async () => this.save((await this.list()).filter((s) => s.url !== url)));
  }

  /** Switches one of a list's filters on or off. */
  setFilter(url: string, filterId: string, on: boolean): Promise<void> {
    return this.serially(async () => {
      const lists = await this.list();
      await this.save(
        lists.map((s) =>
          s.url !== url
            ? s
            : { ...s, off: on ? s.off.filter((id) => id !== filterId) : [...new Set([...s.off, filterId])] },
        ),
      );
    });
  }

  /** Fetches every list again (the daily alarm, the options page's "Refresh now"). */
  refresh(): Promise<Subscription[]> {
    return this.serially(async () => {
      const lists = await this.list();
      const next: Subscription[] = [];
      for (const subscription of lists) {
        try {
          const fetched = await this.fetchList(subscription.url, subscription);
          next.push(
            fetched === 'unchanged'
              ? { ...subscription, problem: undefined, fetchedAt: Date.now() }
              : { ...fetched, url: subscription.url, off: subscription.off },
          );
        } catch (error) {
          next.push({ ...subscription, problem: (error as Error).message });
        }
      }
      await this.save(next);
      return next;
    });
  }

  private async fetchList(
    url: string,
    previous?: Pick<Subscription, 'etag' | 'lastModified'>,
  ): Promise<Omit<Subscription, 'url' | 'off'> | 'unchanged'> {
    const trusted = [new URL(await this.deps.edgeUrl()).origin];
    const problem = listAddressProblem(url, trusted);
    if (problem) throw new Error(problem);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (previous?.etag) headers['if-none-match'] = previous.etag;
    if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
    const get = (redirect: RequestRedirect) =>
      (this.deps.fetch ?? fetch)(url, {
        headers,
        credentials: 'omit',
        cache: 'no-cache',
        redirect,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    let response: Response;
    try {
      response = await get('manual');
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'it took too long' : (error as Error).message;
      throw new Error(`the list could not be fetched (${reason})`);
    }
    // A redirect's target is not readable from here: it is followed, and where it ends must be
    // as public as the address given.
    if (
      response.type === 'opaqueredirect' ||
      (response.status >= 300 && response.status < 400 && response.status !== 304)
    ) {
      try {
        response = await get('follow');
      } catch {
        throw new Error("the list's address redirects to another, which could not be fetched");
      }
      const landed = response.url ? listAddressProblem(response.url, trusted) : null;
      if (landed) throw new Error(`the list's address redirects elsewhere: ${landed}`);
    }
    if (response.status === 304) return 'unchanged';
    if (!response.ok) throw new Error(`the list's server answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > LIST_MAX_BYTES) throw new Error('the list is larger than 1 MB');
    const text = await readCappedText(response.body, LIST_MAX_BYTES);
    if (text === null) throw new Error('the list is larger than 1 MB');
    const parsed = parseListDocument(text);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const { list } = parsed;
    return {
      title: list.title,
      homepage: list.homepage,
      updated: list.updated,
      version: list.version,
      filters: list.filters,
      fetchedAt: Date.now(),
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  }

  private async save(lists: Subscription[]): Promise<void> {
    await browser.storage.local.set({ [LISTS_STORAGE_KEY]: lists });
    this.deps.onChange();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
