import { type Filter, useReasonWords } from '@veneer/shared/filters/matching';
import type { Verdict } from '@veneer/shared/judge';
import { browser } from 'wxt/browser';
import type { PostMark } from '../background/learning.ts';
import {
  FEED_CONFIG_STORAGE_KEY,
  type FeedConfig,
  isCurrentFeedConfig,
  readFeedConfig,
} from '../lib/feed-config.ts';
import { t } from '../lib/i18n.ts';
import { PageChannel } from '../services/page-channel.ts';
import { feedPageMessenger, type MenuPost } from '../services/protocol.ts';
import { FeedEngine } from './feed/engine.ts';
import { pageFeedServices } from './feed/feed-services.ts';
import type { FeedView } from './feed/ports.ts';
import { PostChanges } from './feed/post-changes.ts';
import { previewFilter } from './feed/preview.ts';
import { SiteReader } from './feed/site-reader.ts';
import { FeedStats } from './feed-stats.ts';
import { PageReporter } from './page-report.ts';
import {
  clearModification,
  modifyPost,
  type NoticeActions,
  noticeChanges,
  postOfNotice,
  showOriginal,
} from './rewrite/modify.ts';
import { DEFAULT_BUDGET_MS, installPageStyle } from './rewrite/page-style.ts';
import { followPageTheme } from './rewrite/page-theme.ts';
import {
  ACTION_ATTRIBUTE,
  BADGE_ATTRIBUTE,
  STATE_ATTRIBUTE,
  setState,
  stateOf,
} from './rewrite/post-state.ts';
import { localReasonWords } from './rewrite/reason-words.ts';
import type { SiteDefinition, SitePost } from './site-adapter.ts';

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
  definition: SiteDefinition,
  { budgetMs = DEFAULT_BUDGET_MS }: FeedRewriterOptions = {},
) {
  // Reasons on notices and in the popup, in the interface's language.
  useReasonWords(localReasonWords());
  const readers = new SiteReader(definition);
  let adapter = readers.adapter;
  let removeStyle: (() => void) | null = installPageStyle(adapter.postSelector, budgetMs);
  let ready = false;
  let current: FeedConfig | null = null;
  let scanQueued = false;

  const stats = new FeedStats();
  const channel = new PageChannel();
  const reporter = new PageReporter(
    { site: definition.site, expectsPosts: readers.expectsPosts },
    (report) => channel.notify('pageReport', report),
    1000,
    useFallback,
  );
  reporter.useReader(definition.id, readers.pack.version, 'pack');
  const view: FeedView<HTMLElement> = {
    apply(element, verdict, onShow, post) {
      if (!verdict) {
        clearModification(element);
        setState(element, 'clear');
        return;
      }
      modifyPost(
        element,
        verdict.action,
        shownReason(verdict),
        adapter.placement,
        noticeActions(element, verdict, onShow, post),
      );
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
      changes.dropOwnNotices(notices);
      stats.answer(performance.now() - started);
    },
  };
  const services = pageFeedServices(channel);
  const changes = new PostChanges(
    () => adapter,
    () => queueScan(),
  );
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
    if (readers.mode === 'fallback' && readers.packFindsPosts()) leaveFallback();
    const started = performance.now();
    followPageTheme(started);
    const notices = noticeChanges();
    let judged = 0;
    for (const element of changes.dirty) {
      if (!element.isConnected) continue;
      const post = adapter.readPost(element);
      // Not (yet) a post Veneer can read: shown as it is, read again when it changes.
      if (!post) {
        if (!stateOf(element)) setState(element, 'clear');
      } else if (engine.process(post)) judged++;
    }
    changes.dirty.clear();
    changes.dropOwnNotices(notices);
    engine.flush();
    stats.scan(performance.now() - started, judged);
  }

  /** Judges the page again with `config` (the filters, settings and packs the background validated). */
  function configure(config: FeedConfig): void {
    if (config.problem) reporter.problem(config.problem);
    const { changed, problem, findsNothing } = readers.usePack(config.packs?.[definition.id]);
    if (problem) reporter.problem(problem);
    if (findsNothing) reporter.packFoundNothing(findsNothing);
    if (changed) useReader();
    const enabled = !config.disabledHosts.includes(location.hostname);
    reporter.setEnabled(enabled);
    if (!enabled) {
      removeStyle?.();
      removeStyle = null;
    } else removeStyle ??= installPageStyle(readers.unjudgedSelector, budgetMs);
    current = config;
    // Read without a pack, only what needs nothing but the text applies (hide and collapse).
    const filters = readers.mode === 'fallback' ? config.filters.filter(isTextOnly) : config.filters;
    engine.configure({
      filters: enabled ? filters : [],
      site: definition.site,
      cloudProcessing: config.cloudProcessing,
      alwaysShow: config.alwaysShow,
    });
    // Has the text checks' models the filters use loaded now (an empty request: no text leaves the
    // page), while the page is still loading, rather than when the first posts wait on them.
    const checks = engine.textChecksInUse();
    if (checks.length > 0) services.checkTexts(checks, []).catch(() => undefined);
    ready = true;
    for (const element of document.querySelectorAll<HTMLElement>(`[${STATE_ATTRIBUTE}]`)) {
      if (stateOf(element) !== 'shown') view.forget(element);
    }
    changes.markAll();
    queueScan();
  }

  /** The reader changed (a new pack, or the fallback): the page style follows its posts. */
  function useReader(): void {
    adapter = readers.adapter;
    reporter.useReader(definition.id, readers.pack.version, readers.mode);
    if (removeStyle) {
      removeStyle();
      removeStyle = installPageStyle(readers.unjudgedSelector, budgetMs);
    }
  }

  /** The pack finds posts after all (the page was slow to show them): read with it again. */
  function leaveFallback(): void {
    readers.usePackAgain();
    useReader();
    if (current) configure(current);
  }

  /** The pack finds no posts on a page that should show some: read the feed without it. */
  function useFallback(): void {
    if (readers.mode === 'fallback' || !current) return;
    readers.useFallback();
    useReader();
    configure(current);
  }

  /**
   * What the buttons of a post's notice do: show the original (for a learned filter's verdict, a
   * weak "wrong" for the filter too), "Not this" (a learned filter's verdict), "Hide posts like
   * this" (a post with text), "Always show this account" (a post whose author Veneer knows).
   */
  function noticeActions(
    element: HTMLElement,
    verdict: Verdict,
    onShow: () => void,
    { author, text }: { author: string; text: string },
  ): NoticeActions {
    const show = () => {
      onShow();
      showOriginal(element);
    };
    const mark = (data: PostMark) =>
      void channel
        .request('markPost', data)
        .catch((error: Error) => reporter.problem(t('problem.learn', { reason: error.message })));
    const learned = verdict.learned !== undefined && text !== '';
    return {
      show: learned
        ? () => {
            show();
            mark({ mark: 'shown', text, filterId: verdict.filterId });
          }
        : show,
      ...(learned
        ? {
            notThis: () => {
              show();
              mark({ mark: 'not', text, filterId: verdict.filterId });
            },
          }
        : {}),
      ...(text ? { like: () => mark({ mark: 'like', text }) } : {}),
      ...(author
        ? {
            trust: {
              account: author,
              run: () =>
                void channel
                  .request('alwaysShow', { author, site: definition.site })
                  .catch((error: Error) =>
                    reporter.problem(t('problem.addAccount', { account: author, reason: error.message })),
                  ),
            },
          }
        : {}),
    };
  }

  /**
   * The post the user last opened the context menu on (its author and text, for the menus): the
   * post under the pointer, or the post whose notice is (all a collapsed or hidden post shows).
   */
  let underMenu: MenuPost | null = null;
  document.addEventListener(
    'contextmenu',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const notice = target?.closest(`[${BADGE_ATTRIBUTE}]`);
      const element = notice ? postOfNotice(notice) : target?.closest<HTMLElement>(adapter.postSelector);
      const post = element ? adapter.readPost(element) : null;
      underMenu = post ? { author: post.author, site: definition.site, text: post.text } : null;
    },
    true,
  );

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

  feedPageMessenger.onMessage('showHidden', () => ({ shown: showHidden() }));
  feedPageMessenger.onMessage('postUnderMenu', () => underMenu);
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
    (error: Error) => reporter.problem(t('problem.readFilters', { reason: error.message })),
  );
}

/**
 * What a page read without its pack can still do: hide or collapse by the post's words. Filters
 * that name accounts, kinds of post or a badge wait too: the fallback does not know who posted or
 * what kind of post it is (nor, so, whether the allowlist spares it).
 */
const isTextOnly = (filter: Filter) =>
  (filter.action === 'hide' || filter.action === 'collapse') &&
  !filter.from?.length &&
  !filter.exceptFrom?.length &&
  !filter.kinds?.length &&
  !filter.badge;

/** The reason a notice shows: a learned filter's says which of the post's words weighed most, and the score. */
function shownReason({ reason, learned }: Verdict): string {
  if (!learned) return reason;
  return t('reason.learnedDetail', {
    reason,
    words: learned.words.length ? `${learned.words.join(', ')}; ` : '',
    score: learned.score.toFixed(1),
  });
}
