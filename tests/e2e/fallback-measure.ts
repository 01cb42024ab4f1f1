/**
 * How well the fallback reader (extension/content/fallback-reader.ts) reads a page whose site
 * changed its markup, on each site's feed pages: the page as the e2e tests serve it (X's real
 * tweet markup, YouTube's real watch page, the others' markup as the adapters' tests describe it)
 * is read by the site's built-in pack, then stripped of everything packs select by, and read by
 * the fallback. Used by the e2e test (floors) and pnpm bench:fallback (the table).
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext } from 'playwright-core';
import type { FallbackMeasure } from './fallback-page.ts';
import { mastodonHtml } from './fixtures/mastodon.ts';
import { redditFeedHtml } from './fixtures/reddit-feed.ts';
import { blueskyHtml, oldRedditHtml } from './fixtures/small-feeds.ts';
import { TIMELINE, xTimelineHtml } from './fixtures/x-timeline.ts';
import { youtubeHomeHtml, youtubeSearchHtml, youtubeWatchHtml } from './fixtures/youtube.ts';

export type { FallbackMeasure };

export interface FallbackCase {
  name: string;
  adapter: 'x' | 'reddit' | 'old-reddit' | 'youtube' | 'bluesky' | 'mastodon';
  url: string;
  html: () => string;
  /** Posts the page shows once it has rendered. */
  posts: string;
  minimum: number;
}

export const FALLBACK_CASES: FallbackCase[] = [
  {
    name: 'X timeline (real tweet markup)',
    adapter: 'x',
    url: 'https://x.com/home',
    html: () => xTimelineHtml({ renderer: 'markup' }),
    posts: 'article',
    minimum: TIMELINE.length,
  },
  {
    name: 'Reddit listing',
    adapter: 'reddit',
    url: 'https://www.reddit.com/r/pics/',
    html: () => redditFeedHtml('https://i.redd.it'),
    posts: 'shreddit-post',
    minimum: 3,
  },
  {
    name: 'old Reddit listing',
    adapter: 'old-reddit',
    url: 'https://old.reddit.com/r/pics/',
    html: () => oldRedditHtml(),
    posts: '.thing',
    minimum: 3,
  },
  {
    name: 'YouTube home',
    adapter: 'youtube',
    url: 'https://www.youtube.com/',
    html: () => youtubeHomeHtml(),
    posts: 'ytd-rich-item-renderer',
    minimum: 3,
  },
  {
    name: 'YouTube search',
    adapter: 'youtube',
    url: 'https://www.youtube.com/results?search_query=shed',
    html: () => youtubeSearchHtml(),
    posts: 'ytd-video-renderer',
    minimum: 3,
  },
  {
    name: 'YouTube watch page (real markup)',
    adapter: 'youtube',
    url: 'https://www.youtube.com/watch?v=fixture',
    html: () => youtubeWatchHtml(),
    posts: 'ytd-compact-video-renderer',
    minimum: 3,
  },
  {
    name: 'Bluesky following feed',
    adapter: 'bluesky',
    url: 'https://bsky.app/',
    html: () => blueskyHtml(),
    posts: '[data-testid^="feedItem-by-"]',
    minimum: 3,
  },
  {
    name: 'Mastodon home',
    adapter: 'mastodon',
    url: 'https://mastodon.social/home',
    html: () => mastodonHtml('mastodon.social'),
    posts: '.status',
    minimum: 3,
  },
];

let bundle: Promise<string> | undefined;
/** fallback-page.ts with the adapters and the fallback reader, as one script for a page. */
function pageScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(import.meta.dirname, 'fallback-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** Serves `fallbackCase`'s page in a fresh tab of `context`, waits for its posts and measures. */
export async function measureFallbackOn(
  context: BrowserContext,
  fallbackCase: FallbackCase,
  { withModule = false } = {},
): Promise<FallbackMeasure> {
  const page = await context.newPage();
  try {
    await page.route(fallbackCase.url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fallbackCase.html() }),
    );
    await page.goto(fallbackCase.url);
    await page.waitForFunction(
      ({ selector, minimum }) => document.querySelectorAll(selector).length >= minimum,
      { selector: fallbackCase.posts, minimum: fallbackCase.minimum },
    );
    await page.addScriptTag({ content: await pageScript() });
    return await page.evaluate(
      ({ adapter, withModule }) =>
        (
          globalThis as unknown as { measureFallback(id: string, withModule: boolean): FallbackMeasure }
        ).measureFallback(adapter, withModule),
      { adapter: fallbackCase.adapter, withModule },
    );
  } finally {
    await page.close();
  }
}

/** Precision, recall and words kept, from a measure. */
export function fallbackFigures(measure: FallbackMeasure) {
  return {
    precision: measure.read === 0 ? 0 : measure.matched / measure.read,
    recall: measure.truth === 0 ? 0 : measure.covered / measure.truth,
    sameWords: measure.matched === 0 ? 0 : measure.sameWords / measure.matched,
  };
}
