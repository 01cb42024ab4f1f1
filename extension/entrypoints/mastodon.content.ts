import { defineContentScript } from 'wxt/utils/define-content-script';
import { mastodonAdapter } from '../content/adapters/mastodon.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

/**
 * Mastodon runs on any host, so this script is in no manifest entry: the background registers it
 * for the instances the user enabled from the popup (each with its own host permission).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    // Injected once more into an open tab right after enabling: never run two engines.
    const flag = '__veneerMastodon';
    if ((globalThis as Record<string, unknown>)[flag]) return;
    (globalThis as Record<string, unknown>)[flag] = true;
    startFeedRewriter(mastodonAdapter);
  },
});
