import { defineContentScript } from 'wxt/utils/define-content-script';
import { redditAdapter } from '../content/adapters/reddit.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

export default defineContentScript({
  matches: ['https://www.reddit.com/*'],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startFeedRewriter(redditAdapter);
  },
});
