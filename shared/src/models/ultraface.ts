import type { Face } from '../protocol/jobs.ts';
import { nonMaxSuppression } from './nms.ts';

/**
 * UltraFace (Linzaer, MIT) model I/O, shared by the inference node and, later, the browser.
 * Input: 1x3xHxW float32, RGB, (pixel - 127) / 128, the image stretched to WxH.
 * Outputs: `scores` 1xNx2 (background, face) and `boxes` 1xNx4 (x1, y1, x2, y2 as fractions).
 */
export interface UltraFaceOptions {
  /** Face probability to keep an anchor (upstream default 0.7). */
  scoreThreshold?: number;
  /** Overlap above which a weaker box is dropped (upstream default 0.3). */
  iouThreshold?: number;
  maxFaces?: number;
}

/** Interleaved RGB bytes (already resized to width x height) -> planar normalized CHW tensor data. */
export function ultrafaceInput(rgb: Uint8Array, width: number, height: number): Float32Array {
  const plane = width * height;
  if (rgb.length !== plane * 3) {
    throw new RangeError(`expected ${plane * 3} RGB bytes for ${width}x${height}, got ${rgb.length}`);
  }
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i] = (rgb[i * 3]! - 127) / 128;
    out[plane + i] = (rgb[i * 3 + 1]! - 127) / 128;
    out[2 * plane + i] = (rgb[i * 3 + 2]! - 127) / 128;
  }
  return out;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Decodes the two outputs into faces with boxes as fractions of the image, strongest first. */
export function ultrafaceFaces(
  scores: Float32Array,
  boxes: Float32Array,
  { scoreThreshold = 0.7, iouThreshold = 0.3, maxFaces = 200 }: UltraFaceOptions = {},
): Face[] {
  const anchors = scores.length / 2;
  if (boxes.length !== anchors * 4) {
    throw new RangeError(`scores hold ${anchors} anchors but boxes hold ${boxes.length / 4}`);
  }
  const candidates: Face[] = [];
  for (let i = 0; i < anchors; i++) {
    const score = scores[i * 2 + 1]!;
    if (score <= scoreThreshold) continue;
    const x1 = clamp01(boxes[i * 4]!);
    const y1 = clamp01(boxes[i * 4 + 1]!);
    const x2 = clamp01(boxes[i * 4 + 2]!);
    const y2 = clamp01(boxes[i * 4 + 3]!);
    if (x2 <= x1 || y2 <= y1) continue;
    candidates.push({ score, box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } });
  }
  return nonMaxSuppression(candidates, iouThreshold, maxFaces);
}
