import type { ThumbResult } from '../protocol/jobs.ts';
import type { DeepSignals } from './appeal.ts';

/** The inference node's `thumb` result as the appeal score reads it. */
export function deepSignals(result: ThumbResult): DeepSignals {
  const areas = result.faces.map((face) => face.box.width * face.box.height);
  return {
    text: { content: result.text.content, relation: result.text.relation },
    faces: {
      count: result.faces.length,
      largestArea: Math.max(0, ...areas),
      expressions: result.faces.map((face) => face.emotion),
    },
    saliency: { concentration: result.saliency.concentration, focus: result.saliency.focus },
    titleMatch: result.titleMatch,
  };
}
