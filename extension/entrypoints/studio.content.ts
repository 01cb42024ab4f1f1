import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountStudioLab } from '../lab/studio-panel.ts';

export default defineContentScript({
  matches: ['https://studio.youtube.com/*'],
  runAt: 'document_idle',
  // WXT's older start signal is a window.postMessage every page script's listeners receive.
  noScriptStartedPostMessage: true,
  main(ctx) {
    mountStudioLab(ctx);
  },
});
