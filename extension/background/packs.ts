import { openSignedPack, packProblem, type SelectorPack } from '@veneer/shared/packs';
import { browser } from 'wxt/browser';
import type { PageReport } from '../content/page-report.ts';
import { SITE_DEFINITIONS, siteDefinition } from '../content/sites.ts';

export const PACKS_STORAGE_KEY = 'veneer.packs';
/**
 * When the edge is asked for a newer pack while a site looks broken (ms after it first looked so):
 * at once, every 5 s for two minutes (an operator at work on a fix), every 30 s until ten minutes,
 * then only at the daily check. A pack's ETag makes each ask a 304 until one is published.
 */
export function brokenPollDelay(elapsedMs: number): number | null {
  if (elapsedMs < 2 * 60_000) return 5_000;
  if (elapsedMs < 10 * 60_000) return 30_000;
  return null;
}
const LOG_SIZE = 20;

/** What this browser knows of one adapter's packs. */
export interface PackState {
  /** The newest verified pack in use (none: the built-in one). */
  current?: SelectorPack;
  /** The one before it, to roll back to. */
  previous?: SelectorPack;
  /** Versions rolled back here: never used again. */
  refused: number[];
  /** The version that last found posts here. */
  worked?: number;
  etag?: string;
  /** Since the pack in use was taken: pages that should show posts, those that showed none, posts, and posts with no text or author. */
  counts: BreakageCounts;
}
export interface BreakageCounts {
  pages: number;
  pagesWithoutPosts: number;
  posts: number;
  emptyText: number;
  emptyAuthor: number;
}
interface Stored {
  sites: Record<string, PackState>;
  /** Why packs were refused or rolled back, newest first. */
  log: Array<{ at: number; adapter: string; version?: number; message: string }>;
}

export interface PackDeps {
  edgeUrl(): Promise<string>;
  /** The Ed25519 key packs must be signed with (the one the extension ships). */
  publicKey(): Promise<CryptoKey>;
  /** The feed pages' config must be published again (a pack changed). */
  onChange(): void;
  fetch?: typeof fetch;
}

const noCounts = (): BreakageCounts => ({
  pages: 0,
  pagesWithoutPosts: 0,
  posts: 0,
  emptyText: 0,
  emptyAuthor: 0,
});

/** An adapter's state in `stored`, made when it has none yet. */
function stateOf(stored: Stored, adapter: string): PackState {
  stored.sites[adapter] ??= { refused: [], counts: noCounts() };
  return stored.sites[adapter];
}

/**
 * Keeps each site's selector pack current: asks the edge for newer ones once a day and, while a
 * site looks broken, often (brokenPollDelay); uses a pack only when it is signed with the pinned key, is newer
 * than the one in use (and not one rolled back), and fits its adapter; rolls a pack back when it
 * finds no posts where the one before it found some. Every refusal is logged with its reason.
 */
export class PackUpdater {
  /** The sites looking broken now, each with its next ask's timer. */
  private readonly watching = new Map<string, { timer?: ReturnType<typeof setTimeout> }>();
  /**
   * The page each tab shows and what of it was counted already: a page counts once, and its
   * posts as they grow (its first report comes with its first post).
   */
  private readonly pagesCounted = new Map<
    number,
    { key: string; posts: number; emptyText: number; emptyAuthor: number }
  >();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PackDeps) {}

  /** The newest verified pack of each adapter that has one (for the feed config). */
  async packs(): Promise<Record<string, SelectorPack>> {
    const { sites } = await this.load();
    return Object.fromEntries(
      Object.entries(sites).flatMap(([adapter, state]) => (state.current ? [[adapter, state.current]] : [])),
    );
  }

  async state(adapter: string): Promise<PackState | undefined> {
    return (await this.load()).sites[adapter];
  }

  async log(): Promise<Stored['log']> {
    return (await this.load()).log;
  }

  /** Asks the edge for each adapter's newest pack (all by default); true when one was taken. */
  check(adapters: readonly string[] = SITE_DEFINITIONS.map((d) => d.id)): Promise<boolean> {
    const run = this.queue.then(async () => {
      let changed = false;
      for (const adapter of adapters) changed = (await this.checkOne(adapter)) || changed;
      if (changed) this.deps.onChange();
      return changed;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A feed page's report: counts, what worked, a pack to roll back, a site to watch. */
  pageReported(tabId: number, report: PageReport): Promise<void> {
    const run = this.queue.then(() => this.noteReport(tabId, report));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async noteReport(tabId: number, report: PageReport): Promise<void> {
    const definition = siteDefinition(report.adapter);
    if (!definition || !report.enabled) return;
    const stored = await this.load();
    const state = stateOf(stored, report.adapter);
    const pageKey = `${report.url}@${report.packVersion}`;
    const broken = report.health === 'no-posts' || report.health === 'fallback';
    let changed = false;
    if (report.health !== 'waiting') {
      let counted = this.pagesCounted.get(tabId);
      if (counted?.key !== pageKey) {
        counted = { key: pageKey, posts: 0, emptyText: 0, emptyAuthor: 0 };
        this.pagesCounted.set(tabId, counted);
        state.counts.pages++;
        if (broken) state.counts.pagesWithoutPosts++;
        changed = true;
      }
      const now = {
        posts: report.reader === 'pack' ? report.postsSeen : 0,
        emptyText: report.emptyText,
        emptyAuthor: report.emptyAuthor,
      };
      for (const key of ['posts', 'emptyText', 'emptyAuthor'] as const) {
        if (now[key] <= counted[key]) continue;
        state.counts[key] += now[key] - counted[key];
        counted[key] = now[key];
        changed = true;
      }
    }
    const inUse = state.current?.version ?? definition.pack.version;
    if (
      report.reader === 'pack' &&
      report.postsSeen > 0 &&
      report.packVersion === inUse &&
      state.worked !== inUse
    ) {
      state.worked = inUse;
      changed = true;
    }
    let rolledBack = false;
    if (state.current) {
      const before = state.previous?.version ?? definition.pack.version;
      // A page read with the new pack found nothing where the one before it found posts, or a
      // page still reading with the one before found posts the new one would not find.
      const failedHere = broken && report.packVersion === state.current.version && state.worked === before;
      const keptBefore =
        report.packFoundNothing === state.current.version &&
        report.reader === 'pack' &&
        report.postsSeen > 0 &&
        report.packVersion === before;
      if (failedHere || keptBefore) {
        // The new pack finds nothing where the one before it found posts: back to that one.
        state.refused = [...state.refused, state.current.version];
        this.note(
          stored,
          report.adapter,
          state.current.version,
          `rolled back: it found no posts where version ${before} found some`,
        );
        state.current = state.previous;
        state.previous = undefined;
        state.counts = noCounts();
        rolledBack = true;
      }
    }
    // Pages report about once a second while they fill: storage is written only when this changed something.
    if (changed || rolledBack) await this.save(stored);
    if (rolledBack) this.deps.onChange();
    else if (broken) this.watch(report.adapter);
    else if (report.health === 'ok') this.unwatch(report.adapter);
  }

  /** Asks for a newer pack now and again and again for a while (a fix is published while the site is broken). */
  private watch(adapter: string): void {
    if (this.watching.has(adapter)) return;
    const started = Date.now();
    const watch: { timer?: ReturnType<typeof setTimeout> } = {};
    this.watching.set(adapter, watch);
    const ask = () => void this.check([adapter]).finally(next);
    const next = () => {
      if (this.watching.get(adapter) !== watch) return; // the site reads again
      const delay = brokenPollDelay(Date.now() - started);
      if (delay === null) this.watching.delete(adapter);
      else watch.timer = setTimeout(ask, delay);
    };
    ask();
  }

  private unwatch(adapter: string): void {
    clearTimeout(this.watching.get(adapter)?.timer);
    this.watching.delete(adapter);
  }

  private async checkOne(adapter: string): Promise<boolean> {
    const definition = siteDefinition(adapter);
    if (!definition) return false;
    const stored = await this.load();
    const state = stateOf(stored, adapter);
    let response: Response;
    try {
      const url = new URL(`/v1/packs/${adapter}`, await this.deps.edgeUrl());
      response = await (this.deps.fetch ?? fetch)(url, {
        headers: state.etag ? { 'if-none-match': state.etag } : {},
        // The edge lets caches keep a pack a minute; a browser looking for a fix asks it every time.
        cache: 'no-cache',
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return false; // the edge cannot be reached: the next check will ask again
    }
    if (response.status === 304 || response.status === 404 || !response.ok) return false;
    const etag = response.headers.get('etag') ?? undefined;
    const key = await this.deps.publicKey().catch(() => null);
    if (!key) {
      // Ed25519 in WebCrypto: Chrome 137, Firefox 129; older browsers keep the built-in packs.
      this.note(stored, adapter, undefined, 'refused: this browser cannot verify Ed25519 signatures');
      await this.save(stored);
      return false;
    }
    const opened = await openSignedPack(await response.json().catch(() => null), key);
    const inUse = state.current?.version ?? definition.pack.version;
    let refusal: string | null = null;
    let version: number | undefined;
    if ('refused' in opened) refusal = opened.refused;
    else {
      version = opened.pack.version;
      refusal =
        packProblem(opened.pack, definition) ??
        (version <= inUse
          ? `version ${version} is not newer than version ${inUse} in use`
          : state.refused.includes(version)
            ? `version ${version} was rolled back here before`
            : null);
    }
    state.etag = etag;
    if (refusal !== null || 'refused' in opened) {
      this.note(stored, adapter, version, `refused: ${refusal}`);
      await this.save(stored);
      return false;
    }
    state.previous = state.current;
    state.current = opened.pack;
    state.counts = noCounts();
    this.note(stored, adapter, opened.pack.version, 'taken');
    await this.save(stored);
    return true;
  }

  private note(stored: Stored, adapter: string, version: number | undefined, message: string): void {
    // Refusals repeat at every check: one entry per distinct reason.
    if (
      stored.log[0]?.adapter === adapter &&
      stored.log[0].message === message &&
      stored.log[0].version === version
    )
      return;
    stored.log = [{ at: Date.now(), adapter, version, message }, ...stored.log].slice(0, LOG_SIZE);
    console.info(`Veneer selector pack ${adapter} ${version ?? ''}: ${message}`);
  }

  private async load(): Promise<Stored> {
    const value = (await browser.storage.local.get(PACKS_STORAGE_KEY))[PACKS_STORAGE_KEY] as
      | Stored
      | undefined;
    return value && typeof value === 'object' && value.sites ? value : { sites: {}, log: [] };
  }

  private async save(stored: Stored): Promise<void> {
    await browser.storage.local.set({ [PACKS_STORAGE_KEY]: stored });
  }
}

/** The Ed25519 public key shipped in the extension (public/packs/public-key.json). */
export async function pinnedPackKey(): Promise<CryptoKey> {
  const { importPublicKey } = await import('@veneer/shared/packs');
  const response = await fetch(browser.runtime.getURL('/packs/public-key.json' as '/'));
  const { ed25519 } = (await response.json()) as { ed25519: string };
  return importPublicKey(ed25519);
}
