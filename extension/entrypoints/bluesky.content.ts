import { defineContentScript } from 'wxt/utils/define-content-script';
import { blueskyAdapter } from '../content/adapters/bluesky.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

export default defineContentScript({
  matches: ['https://bsky.app/*'],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startFeedRewriter(blueskyAdapter);
  },
});
