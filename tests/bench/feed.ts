/**
 * pnpm bench:feed: what feed filtering costs a page. An X timeline (real tweet markup) grows to
 * 1,012 tweets while the bench scrolls, with 20 filters active (18 word filters of every kind, the
 * two on-device classifiers). The same scroll runs in the same browser build with and without the
 * extension, side by side. Figures:
 * - time per post in the content script (read + judge): each animation-frame scan's time shared
 *   among the posts it judged (a content script's clock ticks in 0.1 ms), median and p99;
 * - time from a post's insertion to its verdict (seen from the page), median and p99;
 * - long tasks (> 50 ms): the content script's own scans over 50 ms (`long_tasks`, goal 0), and
 *   the page's long tasks with and without the extension;
 * - the page's total script time (CDP ScriptDuration, every world of the page) with and without
 *   the extension, and their ratio (goal: under 1.05; the median of each round's ratio, the three
 *   runs of a round taking place back to back, so the machine's drift over minutes cancels out);
 *   and, as a floor, with the least a feed filter can do instead (feed-floor-extension.ts: read
 *   each tweet's text, test a word, mark it). Between runs the page's own script time varies by
 *   10-25% on this machine, so this ratio moves by as much from one bench run to the next;
 * - Veneer's own script time from a trace of a fourth run (trace-attribution.ts: its calls on the
 *   page's main thread, less the style and layout they forced), and the page's script time in
 *   that run over the same without Veneer's calls: one run, so none of that noise; and the same
 *   on the page thread's own clock (the time it ran, not the time it waited for a core). The
 *   trace attributes the extension's message dispatch to no script, so the work of applying the
 *   classifiers' answers is in neither traced row: it is reported from the content script's clock;
 * - the same traced figures on the same timeline rendered by React (x.com's framework; the same DOM,
 *   built element by element): a page that does more per tweet, and whose DOM, built piece by
 *   piece, takes Veneer's reads 2-3 times longer to walk than the parser's.
 * Needs the built extension (pnpm build). Five rounds; medians of the rounds are reported.
 * BENCH_BASELINE_EXTENSION=<a built chrome-mv3 folder> adds the same untraced and traced runs of
 * that build to every round (an earlier version, to compare in one run).
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { askExtension } from '../e2e/ask-extension.ts';
import { launchWithExtension, launchWithoutExtension } from '../e2e/browser.ts';
import { useFiltersOnDevice } from '../e2e/configure.ts';
import { tabIdOf } from '../e2e/extension-pages.ts';
import { TIMELINE, type TimelineRenderer, xTimelineHtml } from '../e2e/fixtures/x-timeline.ts';
import { percentile, type Row, report, round } from './bench-report.ts';
import { FILTERS } from './feed-filters.ts';
import { writeFloorExtension } from './feed-floor-extension.ts';
import { type ScriptTime, scriptTimeOf, type TraceEvent } from './trace-attribution.ts';

const PAGES = 50;
const TOTAL = TIMELINE.length + PAGES * 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BASELINE = process.env.BENCH_BASELINE_EXTENSION;

/** Page-side probes: insertion and verdict times per tweet, and the page's long tasks. */
function installProbes(page: Page) {
  return page.addInitScript(() => {
    const probe = {
      inserted: new Map<Element, number>(),
      articles: 0,
      toVerdict: [] as number[],
      longTasks: 0,
    };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    new PerformanceObserver((list) => {
      probe.longTasks += list.getEntries().length;
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        if (record.type === 'childList') {
          for (const node of record.addedNodes)
            if (node instanceof Element)
              for (const article of node.querySelectorAll('article')) {
                probe.inserted.set(article, now);
                probe.articles++;
              }
        } else if (record.attributeName === 'data-veneer-state' && record.oldValue === null) {
          const at = probe.inserted.get(record.target as Element);
          if (at !== undefined) probe.toVerdict.push(now - at);
        }
      }
    }).observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-veneer-state'],
      attributeOldValue: true,
    });
  });
}

interface RoundResult {
  scriptMs: number;
  pageLongTasks: number;
  toVerdict: number[];
  /**
   * With `traceOrigin`: the script time of that origin's calls alone, and the page's own script
   * time less them, from the page's trace, on the wall clock and on the page thread's clock.
   */
  own?: ScriptTime;
  pageOwn?: ScriptTime;
}

async function scrollFeed(
  context: BrowserContext,
  withExtension: boolean,
  { traceOrigin, renderer = 'markup' }: { traceOrigin?: string; renderer?: TimelineRenderer } = {},
): Promise<{ page: Page } & RoundResult> {
  const body = xTimelineHtml({ pages: PAGES, renderer });
  await context.route('https://x.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body }),
  );
  const page = await context.newPage();
  await installProbes(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const events: TraceEvent[] = [];
  if (traceOrigin) {
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline'] },
      transferMode: 'ReportEvents',
    });
  }
  await page.goto('https://x.com/home');
  // The scroll runs inside the page with timers, not with the bench polling from outside, so the
  // page's script time is the page's and the extension's, not the bench's. It waits on the probe's
  // count of inserted tweets: counting <article>s in the document (a live collection's length after
  // each change) walked the whole feed at every poll, 100-300 ms of the bench's own script time.
  await page.evaluate(
    async ({ first, pages }) => {
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const probe = (window as unknown as { __probe: { articles: number } }).__probe;
      while (probe.articles < first) await sleep(10);
      for (let n = 1; n <= pages; n++) {
        window.scrollTo(0, document.body.scrollHeight);
        while (probe.articles < first + 20 * n) await sleep(10);
        await sleep(30);
      }
    },
    { first: TIMELINE.length, pages: PAGES },
  );
  await page.waitForTimeout(1500);
  if (withExtension) {
    const judged = await page.evaluate(() => document.querySelectorAll('article[data-veneer-state]').length);
    if (judged !== TOTAL) throw new Error(`${judged} of ${TOTAL} tweets judged 1.5 s after the last scroll`);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const scriptMs = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  const probe = await page.evaluate(() => {
    const p = (window as unknown as { __probe: { toVerdict: number[]; longTasks: number } }).__probe;
    return { toVerdict: p.toVerdict, longTasks: p.longTasks };
  });
  let own: ScriptTime | undefined;
  let pageOwn: ScriptTime | undefined;
  if (traceOrigin) {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    own = scriptTimeOf(events, 'https://x.com', traceOrigin);
    pageOwn = scriptTimeOf(events, 'https://x.com', 'https://x.com');
  }
  return { page, scriptMs, pageLongTasks: probe.longTasks, toVerdict: probe.toVerdict, own, pageOwn };
}

const median = (values: number[]) => percentile(values, 50);
const withRounds: Array<
  RoundResult & { perPostMs: number[]; longScans: number; longestScanMs: number; answersMs: number }
> = [];
const withoutRounds: RoundResult[] = [];
const floorRounds: RoundResult[] = [];
const tracedRounds: RoundResult[] = [];
const reactRounds: RoundResult[] = [];
const baselineRounds: RoundResult[] = [];
const baselineTraced: RoundResult[] = [];
const baselineReact: RoundResult[] = [];
const floorExtension = writeFloorExtension();
const filters = process.env.BENCH_WORDS_ONLY ? FILTERS.filter((f) => !f.classifier) : FILTERS;

/** A run with Veneer (or another build), traced: its own calls' script time next to the whole page's. */
async function tracedScroll(renderer: TimelineRenderer, extensionPath?: string): Promise<RoundResult> {
  const browser = await launchWithExtension(extensionPath ? { extensionPath } : {});
  try {
    await useFiltersOnDevice(browser, filters);
    return await scrollFeed(browser.context, true, {
      traceOrigin: `chrome-extension://${browser.extensionId}/`,
      renderer,
    });
  } finally {
    await browser.close();
  }
}

try {
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const plain = await launchWithoutExtension();
    try {
      withoutRounds.push(await scrollFeed(plain.context, false));
    } finally {
      await plain.close();
    }
    const floor = await launchWithExtension({ extensionPath: floorExtension });
    try {
      floorRounds.push(await scrollFeed(floor.context, false));
    } finally {
      await floor.close();
    }
    const browser = await launchWithExtension();
    try {
      await useFiltersOnDevice(browser, filters);
      const result = await scrollFeed(browser.context, true);
      const tabId = await tabIdOf(browser, 'https://x.com/home');
      const asked = await askExtension<FeedStats>(browser.serviceWorker, 'feedStats', undefined, tabId);
      if (!asked.ok) throw new Error(`feedStats: ${asked.message}`);
      const stats = asked.res;
      type FeedStats = {
        posts: number;
        perPostMs: number[];
        longScans: number;
        longestScanMs: number;
        answersMs: number;
      };
      if (stats.posts < TOTAL) throw new Error(`the content script judged ${stats.posts} of ${TOTAL} tweets`);
      withRounds.push({ ...result, ...stats });
    } finally {
      await browser.close();
    }
    // Veneer once more, traced: its own calls' script time next to the whole page's, in one run;
    // and on the same timeline rendered by React, as x.com renders it.
    tracedRounds.push(await tracedScroll('markup'));
    reactRounds.push(await tracedScroll('react'));
    if (BASELINE) {
      const baseline = await launchWithExtension({ extensionPath: BASELINE });
      try {
        await useFiltersOnDevice(baseline, filters);
        baselineRounds.push(await scrollFeed(baseline.context, true));
      } finally {
        await baseline.close();
      }
      baselineTraced.push(await tracedScroll('markup', BASELINE));
      baselineReact.push(await tracedScroll('react', BASELINE));
    }
    console.log(`round ${round_ + 1}/${ROUNDS} done`);
  }
} finally {
  fs.rmSync(floorExtension, { recursive: true, force: true });
}

const perRound = <T>(rounds: T[], f: (r: T) => number) => median(rounds.map(f));
const scriptWith = perRound(withRounds, (r) => r.scriptMs);
const scriptWithout = perRound(withoutRounds, (r) => r.scriptMs);
const scriptFloor = perRound(floorRounds, (r) => r.scriptMs);
/** The median over rounds of each round's ratio to the same round's run without an extension. */
const ratioTo = (rounds: RoundResult[]) =>
  median(rounds.map((r, i) => r.scriptMs / withoutRounds[i]!.scriptMs));
/** Veneer's and the page's script time on the page thread's clock in traced runs, and their ratio. */
const threadClockRow = (name: string, rounds: RoundResult[]): Row => ({
  case: name,
  script_ms: round(perRound(rounds, (r) => r.own!.cpuMs)),
  page_script_ms: round(perRound(rounds, (r) => r.pageOwn!.cpuMs)),
  ratio: round(
    perRound(rounds, (r) => (r.pageOwn!.cpuMs + r.own!.cpuMs) / r.pageOwn!.cpuMs),
    3,
  ),
});
const rows: Row[] = [
  {
    case: `content script, per post (${TOTAL} tweets, 20 filters)`,
    p50_ms: round(
      perRound(withRounds, (r) => percentile(r.perPostMs, 50)),
      3,
    ),
    p99_ms: round(
      perRound(withRounds, (r) => percentile(r.perPostMs, 99)),
      3,
    ),
  },
  {
    case: 'insertion to verdict',
    p50_ms: round(perRound(withRounds, (r) => percentile(r.toVerdict, 50))),
    p99_ms: round(perRound(withRounds, (r) => percentile(r.toVerdict, 99))),
  },
  {
    // Applying the classifiers' answers runs in the extension's message dispatch, which the trace
    // attributes to no script: it is in neither traced row. The content script's own clock.
    case: "applying the classifiers' answers (content script clock; not in the traced rows)",
    script_ms: round(perRound(withRounds, (r) => r.answersMs)),
  },
  {
    case: 'long tasks caused by the extension (scans over 50 ms)',
    long_tasks: perRound(withRounds, (r) => r.longScans),
    longest_scan_ms: round(perRound(withRounds, (r) => r.longestScanMs)),
  },
  { case: 'page long tasks, without extension', long_tasks: perRound(withoutRounds, (r) => r.pageLongTasks) },
  { case: 'page long tasks, with extension', long_tasks: perRound(withRounds, (r) => r.pageLongTasks) },
  { case: 'page script time, without extension', script_ms: round(scriptWithout) },
  {
    case: 'page script time, with extension',
    script_ms: round(scriptWith),
    ratio: round(ratioTo(withRounds), 3),
  },
  {
    case: 'page script time, with the floor extension (reads text, tests a word)',
    script_ms: round(scriptFloor),
    ratio: round(ratioTo(floorRounds), 3),
  },
  {
    // The page with Veneer over the same page without Veneer's own calls, both from one traced
    // run: no run-to-run noise, but the browser's work for Veneer outside its calls is left out.
    case: "Veneer's own script time in a traced run (ratio: page's script time over it without)",
    script_ms: round(perRound(tracedRounds, (r) => r.own!.ms)),
    ratio: round(
      perRound(tracedRounds, (r) => r.scriptMs / (r.scriptMs - r.own!.ms)),
      3,
    ),
  },
  // The same runs on the page thread's own clock: the time it ran Veneer's calls, and the time it
  // ran the page's scripts (less Veneer's calls inside them). Not counting the time the thread
  // waited for one of the machine's two cores, it is the steadiest of these figures.
  threadClockRow(
    "Veneer's own script time in a traced run, thread clock (ratio: page's scripts and Veneer's over the page's)",
    tracedRounds,
  ),
  // The same on the timeline rendered by React (same DOM, built the way x.com builds it).
  threadClockRow(
    "Veneer's own script time in a traced run, thread clock, React-rendered timeline",
    reactRounds,
  ),
];
if (BASELINE)
  rows.push(
    {
      case: 'page script time, with the baseline build',
      script_ms: round(perRound(baselineRounds, (r) => r.scriptMs)),
      ratio: round(ratioTo(baselineRounds), 3),
    },
    threadClockRow('baseline build: own script time in a traced run, thread clock', baselineTraced),
    threadClockRow(
      'baseline build: own script time in a traced run, thread clock, React-rendered timeline',
      baselineReact,
    ),
  );
report('feed', rows);
