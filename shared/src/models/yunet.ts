import type { Face } from '../protocol/jobs.ts';
import { nonMaxSuppression } from './nms.ts';

/**
 * YuNet (libfacedetection.train, Apache-2.0) model I/O, as OpenCV's FaceDetectorYN uses it.
 * Input: 1x3xSxS float32, BGR, raw 0..255 values; the image is letterboxed (scaled to fit,
 * padded right and bottom). Outputs per stride s in 8/16/32: cls_s and obj_s (N x 1, already
 * probabilities), bbox_s (N x 4: cx, cy offsets in cells, log w, log h) and kps_s (N x 10: five
 * landmarks as cell offsets): right eye, left eye, nose tip, right and left mouth corners.
 */
export const YUNET_STRIDES = [8, 16, 32] as const;

export interface YunetOptions {
  scoreThreshold?: number;
  iouThreshold?: number;
  maxFaces?: number;
}

/**
 * Interleaved RGB bytes of the letterboxed image -> planar BGR floats. The model's input is S x S
 * as exported; `height` differs where the model was given a wider input (withInputShape).
 */
export function yunetInput(rgb: Uint8Array, width: number, height = width): Float32Array {
  const plane = width * height;
  if (rgb.length !== plane * 3) throw new RangeError(`expected ${plane * 3} RGB bytes, got ${rgb.length}`);
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    out[i] = rgb[i * 3 + 2]!;
    out[plane + i] = rgb[i * 3 + 1]!;
    out[2 * plane + i] = rgb[i * 3]!;
  }
  return out;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Decodes the outputs into faces with boxes and landmarks as fractions of the original image.
 * `contentWidth` x `contentHeight` is the part of the input the image occupies (letterbox);
 * `inputWidth` is the input's width (S, or the width of a wider input).
 */
export function yunetFaces(
  outputs: Record<string, Float32Array>,
  inputWidth: number,
  contentWidth: number,
  contentHeight: number,
  { scoreThreshold = 0.8, iouThreshold = 0.3, maxFaces = 200 }: YunetOptions = {},
): Face[] {
  const candidates: Face[] = [];
  for (const stride of YUNET_STRIDES) {
    const cls = outputs[`cls_${stride}`];
    const obj = outputs[`obj_${stride}`];
    const bbox = outputs[`bbox_${stride}`];
    const kps = outputs[`kps_${stride}`];
    if (!cls || !obj || !bbox || !kps) throw new Error(`YuNet output for stride ${stride} is missing`);
    const cols = inputWidth / stride;
    for (let i = 0; i < cls.length; i++) {
      const score = Math.sqrt(clamp01(cls[i]!) * clamp01(obj[i]!));
      if (score <= scoreThreshold) continue;
      const row = Math.floor(i / cols);
      const col = i % cols;
      const cx = (col + bbox[i * 4]!) * stride;
      const cy = (row + bbox[i * 4 + 1]!) * stride;
      const w = Math.exp(bbox[i * 4 + 2]!) * stride;
      const h = Math.exp(bbox[i * 4 + 3]!) * stride;
      const x1 = clamp01((cx - w / 2) / contentWidth);
      const y1 = clamp01((cy - h / 2) / contentHeight);
      const x2 = clamp01((cx + w / 2) / contentWidth);
      const y2 = clamp01((cy + h / 2) / contentHeight);
      if (x2 <= x1 || y2 <= y1) continue;
      const landmarks: Array<[number, number]> = [];
      for (let k = 0; k < 5; k++) {
        landmarks.push([
          clamp01(((kps[i * 10 + 2 * k]! + col) * stride) / contentWidth),
          clamp01(((kps[i * 10 + 2 * k + 1]! + row) * stride) / contentHeight),
        ]);
      }
      candidates.push({ score, box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, landmarks });
    }
  }
  return nonMaxSuppression(candidates, iouThreshold, maxFaces);
}
