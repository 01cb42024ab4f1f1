import type { Verdict } from '@veneer/shared/judge';
import type { SiteAdapter } from './site-adapter.ts';

/** What the popup shows about one tab: posts changed and why, and whether the adapter still works here. */
export interface PageReport {
  site: string;
  url: string;
  /** False when the user turned Veneer off for this site. */
  enabled: boolean;
  /**
   * `ok`: posts found; `waiting`: none yet, still loading; `no-posts`: this page should show
   * posts but Veneer found none, so the site has probably changed and filtering is paused here.
   */
  health: 'ok' | 'waiting' | 'no-posts';
  postsSeen: number;
  /** Posts changed on this page, by filter reason and action. */
  changed: Array<{ reason: string; action: Verdict['action']; count: number }>;
  /** Posts hidden outright (nothing of them is left to click); the popup can show them. */
  hidden: number;
  /** Things that went wrong here, in words ("the offensive language model could not run: …"). */
  problems: string[];
}

/** How long a page that should show posts may show none before Veneer says the site changed. */
export const NO_POSTS_AFTER_MS = 5000;

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
  private healthTimer: ReturnType<typeof setTimeout> | undefined;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly send: (report: PageReport) => void,
    private readonly delayMs = 1000,
  ) {
    this.armHealthCheck();
  }

  report(): PageReport {
    const changed = [...this.changes.values()]
      .filter((entry) => entry.count > 0)
      .map((entry) => ({ ...entry }));
    const hidden = changed.reduce((sum, entry) => sum + (entry.action === 'hide' ? entry.count : 0), 0);
    return {
      site: this.adapter.site,
      url: this.url,
      enabled: this.enabled,
      health: this.health,
      postsSeen: this.seen.size,
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

  postSeen(id: string): void {
    if (this.seen.has(id)) return;
    this.seen.add(id);
    if (this.health !== 'ok') this.health = 'ok';
    this.changed();
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
        this.changed();
      }
    }, NO_POSTS_AFTER_MS);
  }

  private changed(): void {
    if (this.sendTimer) return;
    this.sendTimer = setTimeout(() => {
      this.sendTimer = undefined;
      this.send(this.report());
    }, this.delayMs);
  }
}
