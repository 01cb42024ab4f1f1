import type { Box } from '../protocol/jobs.ts';

/** Cuts a box (fractions of the image) out of interleaved RGB bytes. */
export function cropRgb(rgb: Uint8Array, width: number, height: number, box: Box) {
  const left = Math.max(0, Math.floor(box.x * width));
  const top = Math.max(0, Math.floor(box.y * height));
  const right = Math.min(width, Math.ceil((box.x + box.width) * width));
  const bottom = Math.min(height, Math.ceil((box.y + box.height) * height));
  const w = Math.max(1, right - left);
  const h = Math.max(1, bottom - top);
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const from = ((top + Math.min(y, height - 1 - top)) * width + left) * 3;
    out.set(rgb.subarray(from, from + w * 3), y * w * 3);
  }
  return { rgb: out, width: w, height: h };
}
