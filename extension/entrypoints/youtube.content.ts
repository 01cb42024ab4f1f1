import { defineContentScript } from 'wxt/utils/define-content-script';
import { youtubeAdapter } from '../content/adapters/youtube.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';

export default defineContentScript({
  matches: ['https://www.youtube.com/*'],
  runAt: 'document_start',
  main() {
    startFeedRewriter(youtubeAdapter);
  },
});
