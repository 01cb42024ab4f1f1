import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeedRewriter } from '../content/feed-rewriter.ts';
import { FEED_MATCHES, siteFor } from '../content/sites.ts';

/**
 * The feed rewriter on every site an adapter declares (content/sites.ts); the background also
 * registers this script at runtime for the Mastodon instances the user enabled.
 */
export default defineContentScript({
  matches: FEED_MATCHES,
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    // Injected once more into an open tab right after the user enabled it: never two engines.
    const flag = '__veneerFeed';
    if ((globalThis as Record<string, unknown>)[flag]) return;
    (globalThis as Record<string, unknown>)[flag] = true;
    const site = siteFor(location.href);
    if (site) startFeedRewriter(site);
  },
});
