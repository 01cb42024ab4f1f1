import { liveFeedThumbnailUrls } from '../lib/feed-thumbnail-urls.ts';
import { scoreThumbnailLocally, warmThumbnailModels } from '../lib/thumb-instant-score.ts';
import type { LabBackend } from './lab-backend.ts';
import { runtimeBackend } from './runtime-backend.ts';

/**
 * The lab page's backend: as the runtime one, but the instant score runs in this page (an
 * extension document with onnxruntime-web and its own model workers) on the picked file itself:
 * no 400 KB message through the service worker to the offscreen document, which took 10-35 ms
 * here. The models load while the page opens, before a candidate is added.
 */
export function pageBackend(): LabBackend {
  const backend = runtimeBackend({ prepareOffscreen: false });
  // Read once and kept current, so a score does not wait for storage.
  const feedUrls = liveFeedThumbnailUrls();
  void warmThumbnailModels().catch(() => {
    // A model that cannot load fails the first score with its own message.
  });
  return {
    ...backend,
    async instantScore(file, title) {
      return scoreThumbnailLocally(file, title, await feedUrls());
    },
  };
}
