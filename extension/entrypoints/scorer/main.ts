import { liveFeedThumbnailUrls } from '../../lib/feed-thumbnail-urls.ts';
import {
  SCORER_PORT_MESSAGE,
  type ScorerMessage,
  type ScorerRequest,
} from '../../lib/scorer-frame-protocol.ts';
import { scoreThumbnailLocally, warmThumbnailModels } from '../../lib/thumb-instant-score.ts';

/**
 * The scorer frame the Studio panel embeds (lib/scorer-frame-protocol.ts): scores each file it is
 * sent on this device and answers on the panel's port. Only YouTube Studio may embed it
 * (web_accessible_resources), and it answers only there.
 */
const STUDIO_ORIGIN = 'https://studio.youtube.com';

const feedUrls = liveFeedThumbnailUrls();
// Loaded as the panel opens; a file sent meanwhile queues behind in the model workers.
void warmThumbnailModels().catch(() => {
  // A model that cannot load fails the first score with its own message.
});

let scored = 0;
window.addEventListener('message', (event: MessageEvent) => {
  if (event.origin !== STUDIO_ORIGIN || event.data !== SCORER_PORT_MESSAGE) return;
  const port = event.ports[0];
  if (!port) return;
  port.addEventListener('message', async ({ data }: MessageEvent<ScorerRequest>) => {
    let answer: ScorerMessage;
    try {
      if (!(data?.file instanceof Blob) || typeof data.title !== 'string')
        throw new Error('a request needs a file and a title');
      const score = await scoreThumbnailLocally(data.file, data.title, await feedUrls());
      answer = { kind: 'score', id: data.id, ok: true, score };
      // What this frame has done, for anyone inspecting it (it is hidden).
      document.documentElement.dataset.scored = String(++scored);
    } catch (error) {
      answer = { kind: 'score', id: data?.id, ok: false, message: (error as Error).message };
    }
    port.postMessage(answer);
  });
  port.start();
  port.postMessage({ kind: 'ready' } satisfies ScorerMessage);
});
