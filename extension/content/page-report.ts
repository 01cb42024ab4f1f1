import type { Verdict } from '@veneer/shared/judge';
import type { SiteAdapter } from './site-adapter.ts';

/** The site a report is about: its id, and which of its pages should show posts. */
type ReportedSite = Pick<SiteAdapter, 'site' | 'expectsPosts'>;

/** What the popup shows about one tab: posts changed and why, and whether the adapter still works here. */
export interface PageReport {
  site: string;
  /** The adapter that read the page, and the version of its selector pack. */
  adapter: string;
  packVersion: number;
  /** `fallback`: the pack found nothing here and Veneer reads the page without it. */
  reader: 'pack' | 'fallback';
  url: string;
  /** False when the user turned Veneer off for this site. */
  enabled: boolean;
  /**
   * `ok`: posts found; `waiting`: none yet, still loading; `no-posts`: this page should show
   * posts but Veneer found none, so the site has probably changed; `fallback`: so Veneer reads it
   * without its pack (word and topic filters only).
   */
  health: 'ok' | 'waiting' | 'no-posts' | 'fallback';
  postsSeen: number;
  /** A newer pack's version that found no posts here while the one in use does (the page kept it). */
  packFoundNothing: number | null;
  /** Posts read with no text, or no author: a pack that half works (counts only, no content). */
  emptyText: number;
  emptyAuthor: number;
  /** Posts changed on this page, by filter reason and action. */
  changed: Array<{ reason: string; action: Verdict['action']; count: number }>;
  /** Posts hidden outright (nothing of them is left to click); the popup can show them. */
  hidden: number;
  /** Things that went wrong here, in words ("the offensive language model could not run: …"). */
  problems: string[];
}

/** How long a page that should show posts may show none before Veneer says the site changed. */
export const NO_POSTS_AFTER_MS = 3000;

/**
 * Keeps the page's report and sends it (at most once per `delayMs`, a second by default) whenever it changes.
 * Counts restart when the page's address changes (single-page navigation).
 */
export class PageReporter {
  private url = location.href;
  private seen = new Set<string>();
  private modified = new Map<string, Verdict>();
  /** Posts changed, by action and reason: kept as posts change, so a report costs no walk over them. */
  private changes = new Map<string, PageReport['changed'][number]>();
  private problems = new Set<string>();
  private enabled = true;
  private health: PageReport['health'] = 'waiting';
  private emptyText = 0;
  private emptyAuthor = 0;
  private reader: { adapter: string; packVersion: number; mode: PageReport['reader'] } = {
    adapter: '',
    packVersion: 0,
    mode: 'pack',
  };
  private packFoundNothingVersion: number | null = null;
  private healthTimer: ReturnType<typeof setTimeout> | undefined;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly adapter: ReportedSite,
    private readonly send: (report: PageReport) => void,
    private readonly delayMs = 1000,
    /** A page that should show posts showed none for NO_POSTS_AFTER_MS (the feed then tries a fallback). */
    private readonly onNoPosts: () => void = () => {},
  ) {
    this.armHealthCheck();
  }

  /** Which reader reads the page now: a new one starts the posts' count afresh. */
  useReader(adapter: string, packVersion: number, mode: PageReport['reader']): void {
    this.reader = { adapter, packVersion, mode };
    this.seen.clear();
    this.emptyText = 0;
    this.emptyAuthor = 0;
    this.health = 'waiting';
    if (mode === 'pack') this.armHealthCheck();
    this.changed();
  }

  /** A newer pack found no posts here while the one in use does: the page keeps the one in use. */
  packFoundNothing(version: number): void {
    if (this.packFoundNothingVersion === version) return;
    this.packFoundNothingVersion = version;
    this.changed();
  }

  report(): PageReport {
    const changed = [...this.changes.values()]
      .filter((entry) => entry.count > 0)
      .map((entry) => ({ ...entry }));
    const hidden = changed.reduce((sum, entry) => sum + (entry.action === 'hide' ? entry.count : 0), 0);
    return {
      site: this.adapter.site,
      adapter: this.reader.adapter,
      packVersion: this.reader.packVersion,
      reader: this.reader.mode,
      packFoundNothing: this.packFoundNothingVersion,
      url: this.url,
      enabled: this.enabled,
      health: this.health,
      postsSeen: this.seen.size,
      emptyText: this.emptyText,
      emptyAuthor: this.emptyAuthor,
      changed: changed.sort((a, b) => b.count - a.count),
      hidden,
      problems: [...this.problems],
    };
  }

  /** Call on every scan: a new address starts a new count. */
  checkNavigation(): void {
    if (location.href === this.url) return;
    this.url = location.href;
    this.seen.clear();
    this.forgetChanges();
    this.health = 'waiting';
    this.armHealthCheck();
    this.changed();
  }

  postSeen(id: string, post?: { text: string; author: string }): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (post && !post.text) this.emptyText++;
    if (post && !post.author) this.emptyAuthor++;
    const health = this.reader.mode === 'fallback' ? 'fallback' : 'ok';
    if (this.health === health) this.changed();
    else {
      this.health = health;
      this.changed(true);
    }
  }

  postModified(id: string, verdict: Verdict): void {
    this.count(this.modified.get(id), -1);
    this.modified.set(id, verdict);
    this.count(verdict, 1);
    this.changed();
  }

  postRestored(id: string): void {
    const verdict = this.modified.get(id);
    if (!verdict) return;
    this.modified.delete(id);
    this.count(verdict, -1);
    this.changed();
  }

  resetVerdicts(): void {
    this.forgetChanges();
    this.changed();
  }

  private count(verdict: Verdict | undefined, by: 1 | -1): void {
    if (!verdict) return;
    const key = `${verdict.action}\u0000${verdict.reason}`;
    let entry = this.changes.get(key);
    if (!entry) {
      entry = { reason: verdict.reason, action: verdict.action, count: 0 };
      this.changes.set(key, entry);
    }
    entry.count += by;
  }

  private forgetChanges(): void {
    this.modified.clear();
    this.changes.clear();
  }

  problem(message: string): void {
    if (this.problems.has(message)) return;
    this.problems.add(message);
    this.changed();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.forgetChanges();
    this.changed();
  }

  private armHealthCheck(): void {
    clearTimeout(this.healthTimer);
    this.healthTimer = setTimeout(() => {
      if (this.seen.size === 0 && this.adapter.expectsPosts(location)) {
        this.health = 'no-posts';
        this.changed(true);
        this.onNoPosts();
      }
    }, NO_POSTS_AFTER_MS);
  }

  /** Sends the report within `delayMs`, or `now` (the page's health changed: the popup and the background learn it together). */
  private changed(now = false): void {
    if (now) {
      clearTimeout(this.sendTimer);
      this.sendTimer = undefined;
      this.send(this.report());
      return;
    }
    if (this.sendTimer) return;
    this.sendTimer = setTimeout(() => {
      this.sendTimer = undefined;
      this.send(this.report());
    }, this.delayMs);
  }
}
