import { browser } from 'wxt/browser';
import {
  FEED_CONFIG_STORAGE_KEY,
  type FeedConfig,
  isCurrentFeedConfig,
  readFeedConfig,
} from '../lib/feed-config.ts';
import { PageChannel } from '../services/page-channel.ts';
import { feedPageMessenger } from '../services/protocol.ts';
import { FeedEngine } from './feed/engine.ts';
import { pageFeedServices } from './feed/feed-services.ts';
import type { FeedView } from './feed/ports.ts';
import { previewFilter } from './feed/preview.ts';
import { FeedStats } from './feed-stats.ts';
import { PageReporter } from './page-report.ts';
import { clearModification, modifyPost, noticeChanges, showOriginal } from './rewrite/modify.ts';
import { DEFAULT_BUDGET_MS, installPageStyle } from './rewrite/page-style.ts';
import { ACTION_ATTRIBUTE, STATE_ATTRIBUTE, setState, stateOf } from './rewrite/post-state.ts';
import type { SiteAdapter, SitePost } from './site-adapter.ts';

export interface FeedRewriterOptions {
  /** Longest time a new post stays invisible while waiting for its verdict. */
  budgetMs?: number;
}

/**
 * The feed's DOM layer, started at document_start: the page stylesheet keeps new posts invisible
 * until judged (at most `budgetMs`); one MutationObserver collects the posts that were added or
 * changed, and they are read once per animation frame, so the work per post stays the same
 * however long the feed grows. What becomes of each post is the engine's (feed/engine.ts) and the
 * Judge's business; this file reads posts and marks them.
 */
export function startFeedRewriter(
  adapter: SiteAdapter,
  { budgetMs = DEFAULT_BUDGET_MS }: FeedRewriterOptions = {},
) {
  let removeStyle: (() => void) | null = installPageStyle(adapter.postSelector, budgetMs);
  let ready = false;
  let current: FeedConfig | null = null;
  const dirty = new Set<HTMLElement>();
  let scanQueued = false;

  const stats = new FeedStats();
  const channel = new PageChannel();
  const reporter = new PageReporter(adapter, (report) => channel.notify('pageReport', report));
  const view: FeedView<HTMLElement> = {
    apply(element, verdict, onShow) {
      if (!verdict) {
        clearModification(element);
        setState(element, 'clear');
        return;
      }
      modifyPost(element, verdict.action, verdict.reason, adapter.placement, () => {
        onShow();
        showOriginal(element);
      });
    },
    show: (element) => setState(element, 'shown'),
    forget(element) {
      clearModification(element);
      element.removeAttribute(STATE_ATTRIBUTE);
    },
    isMarked: (element) => stateOf(element) !== null,
    batch(apply) {
      const started = performance.now();
      const notices = noticeChanges();
      apply();
      dropOwnNotices(notices);
      stats.answer(performance.now() - started);
    },
  };
  const services = pageFeedServices(channel);
  const engine = new FeedEngine<HTMLElement, HTMLImageElement>(services, view, reporter);

  const queueScan = () => {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(scan);
  };

  function scan(): void {
    scanQueued = false;
    reporter.checkNavigation();
    if (!ready) return;
    const started = performance.now();
    const notices = noticeChanges();
    let judged = 0;
    for (const element of dirty) {
      if (!element.isConnected) continue;
      const post = adapter.readPost(element);
      // Not (yet) a post Veneer can read: shown as it is, read again when it changes.
      if (!post) {
        if (!stateOf(element)) setState(element, 'clear');
      } else if (engine.process(post)) judged++;
    }
    dirty.clear();
    dropOwnNotices(notices);
    engine.flush();
    stats.scan(performance.now() - started, judged);
  }

  /** Judges the page again with `config` (the filters and settings the background validated). */
  function configure(config: FeedConfig): void {
    if (config.problem) reporter.problem(config.problem);
    const enabled = !config.disabledHosts.includes(location.hostname);
    reporter.setEnabled(enabled);
    if (!enabled) {
      removeStyle?.();
      removeStyle = null;
    } else removeStyle ??= installPageStyle(adapter.postSelector, budgetMs);
    current = config;
    engine.configure({
      filters: enabled ? config.filters : [],
      site: adapter.site,
      cloudProcessing: config.cloudProcessing,
    });
    // Has the text checks' models the filters use loaded now (an empty request: no text leaves the
    // page), while the page is still loading, rather than when the first posts wait on them.
    const checks = engine.textChecksInUse();
    if (checks.length > 0) services.checkTexts(checks, []).catch(() => undefined);
    ready = true;
    for (const element of document.querySelectorAll<HTMLElement>(`[${STATE_ATTRIBUTE}]`)) {
      if (stateOf(element) !== 'shown') view.forget(element);
    }
    for (const element of document.querySelectorAll<HTMLElement>(adapter.postSelector)) dirty.add(element);
    queueScan();
  }

  function showHidden(): number {
    let count = 0;
    for (const element of document.querySelectorAll<HTMLElement>(`[${ACTION_ATTRIBUTE}="hide"]`)) {
      const id = engine.judgedAs(element);
      if (id) engine.shown(id);
      showOriginal(element);
      count++;
    }
    return count;
  }

  /**
   * After Veneer changed the page in one go (a scan, a batch of verdicts): when every change
   * queued for the observer is one of the notices it put on or took off (as many as it moved;
   * no page script can run in between), they are dropped unread. Reading them back costs as much
   * as reading the page's own changes and finds nothing to judge; otherwise all are read as usual.
   */
  function dropOwnNotices(noticesBefore: number): void {
    const moved = noticeChanges() - noticesBefore;
    if (moved === 0) return;
    const records = observer.takeRecords();
    if (records.length !== moved) readChanges(records);
  }

  /** Marks the posts around each change dirty (to be read at the next scan) and queues a scan. */
  function readChanges(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      // Every post around the change (a lockup can sit inside a grid item; both are read again).
      for (let owner = target?.closest<HTMLElement>(adapter.postSelector); owner; ) {
        dirty.add(owner);
        owner = owner.parentElement?.closest<HTMLElement>(adapter.postSelector);
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.matches(adapter.postSelector)) dirty.add(node);
        const posts = adapter.postsIn?.(node) ?? node.querySelectorAll<HTMLElement>(adapter.postSelector);
        for (const post of posts) dirty.add(post);
      }
    }
    queueScan();
  }
  const observer = new MutationObserver(readChanges);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'data-id', 'id', 'permalink', 'thingid'],
  });

  feedPageMessenger.onMessage('showHidden', () => ({ shown: showHidden() }));
  feedPageMessenger.onMessage('getPageReport', () => reporter.report());
  feedPageMessenger.onMessage('feedStats', () => stats.snapshot());
  feedPageMessenger.onMessage('preview', async ({ data }) => {
    const posts = [...document.querySelectorAll<HTMLElement>(adapter.postSelector)]
      .map((element) => adapter.readPost(element))
      .filter((post): post is SitePost => post !== null);
    const counts = await previewFilter(data.filter, adapter.site, posts, services.checkTexts);
    return { host: location.hostname, ...counts };
  });

  browser.storage.onChanged.addListener((changes, area) => {
    const next = area === 'local' ? changes[FEED_CONFIG_STORAGE_KEY]?.newValue : undefined;
    if (isCurrentFeedConfig(next)) configure(next);
  });
  // Filters with an expiry stop applying when it passes, without a reload.
  setInterval(() => {
    if (current && engine.expiresBy(Date.now())) configure(current);
  }, 60_000);
  readFeedConfig(channel).then(
    // A change published while the first read was under way is newer: it stays.
    (config) => {
      if (!current) configure(config);
    },
    (error: Error) => reporter.problem(`Veneer could not read your filters: ${error.message}`),
  );
}
