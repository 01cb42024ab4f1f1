import { defineContentScript } from 'wxt/utils/define-content-script';
import { youtubeAdapter } from '../content/adapters/youtube.ts';
import { startFeedRewriter } from '../content/feed-rewriter.ts';
import { reportFeedThumbnails } from '../content/thumb-preview/feed-thumbnails.ts';
import { startThumbPreview } from '../content/thumb-preview/thumb-preview.ts';

export default defineContentScript({
  matches: ['https://www.youtube.com/*'],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startFeedRewriter(youtubeAdapter);
    startThumbPreview();
    reportFeedThumbnails();
  },
});
