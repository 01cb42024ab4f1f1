import { defineContentScript } from 'wxt/utils/define-content-script';
import youtube from '../content/adapters/youtube.ts';
import { reportFeedThumbnails } from '../content/thumb-preview/feed-thumbnails.ts';
import { startThumbPreview } from '../content/thumb-preview/thumb-preview.ts';

/** The thumbnail lab on youtube.com: candidates previewed in the real feed, and the feed's thumbnails noted. */
export default defineContentScript({
  matches: [...youtube.matches],
  runAt: 'document_start',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main() {
    startThumbPreview();
    reportFeedThumbnails();
  },
});
