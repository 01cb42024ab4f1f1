import type { InstantScore } from './thumb-instant-score.ts';

/**
 * The thumbnail lab's scorer frame (`scorer.html`): an extension document the Studio panel embeds,
 * hidden, so the instant score runs in an extension page on the picked file itself, as on the lab
 * page, instead of a 400 KB base64 runtime message to the offscreen document. The panel (a content
 * script) sends the frame a MessagePort once; requests and answers go over that private port.
 */
export const SCORER_PAGE = '/scorer.html';
/** The one message on the window: it carries the port. */
export const SCORER_PORT_MESSAGE = 'veneer:scorer-port';

export interface ScorerRequest {
  id: number;
  file: Blob;
  title: string;
}
export type ScorerMessage =
  | { kind: 'ready' }
  | { kind: 'score'; id: number; ok: true; score: InstantScore }
  | { kind: 'score'; id: number; ok: false; message: string };
