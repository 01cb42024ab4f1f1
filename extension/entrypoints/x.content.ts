import { defineContentScript } from 'wxt/utils/define-content-script';
import { xAdapter } from '../content/adapters/x.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

export default defineContentScript({
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startFeedRewriter(xAdapter);
  },
});
