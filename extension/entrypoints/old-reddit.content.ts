import { defineContentScript } from 'wxt/utils/define-content-script';
import { oldRedditAdapter } from '../content/adapters/old-reddit.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

export default defineContentScript({
  matches: ['https://old.reddit.com/*'],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startFeedRewriter(oldRedditAdapter);
  },
});
