import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountStudioLab } from '../lab/studio-panel.ts';

export default defineContentScript({
  matches: ['https://studio.youtube.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    mountStudioLab(ctx);
  },
});
