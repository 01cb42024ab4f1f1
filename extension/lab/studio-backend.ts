import type { LabBackend } from './lab-backend.ts';
import { runtimeBackend } from './runtime-backend.ts';
import { ScorerUnavailable, scorerFrame } from './scorer-frame.ts';

/**
 * The Studio panel's backend. On Chrome the instant score runs in the scorer frame embedded in the
 * panel (an extension document, like the lab page), and through the offscreen document where the
 * frame cannot be used; on Firefox the background page scores.
 */
export function studioBackend(container: Node & ParentNode): LabBackend {
  if (import.meta.env.FIREFOX) return runtimeBackend();
  const fallback = runtimeBackend({ prepareOffscreen: false });
  const frame = scorerFrame(container);
  let useFrame = true;
  return {
    ...fallback,
    async instantScore(file, title) {
      if (useFrame) {
        try {
          return await frame.score(file, title);
        } catch (error) {
          if (!(error instanceof ScorerUnavailable)) throw error;
          useFrame = false;
        }
      }
      return fallback.instantScore(file, title);
    },
  };
}
