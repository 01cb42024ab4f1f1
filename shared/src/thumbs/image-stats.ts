/**
 * Cheap whole-image statistics of a thumbnail, from interleaved RGB bytes at any size (the
 * scorers use 160x90): how bright, how much contrast, how colourful, how cluttered. The same code
 * runs in the browser (instant score) and on the inference node (`POST /score`).
 */
export interface ImageStats {
  /** Mean luma, 0 (black) .. 1 (white). */
  brightness: number;
  /** RMS contrast: standard deviation of luma, 0 .. 0.5. */
  contrast: number;
  /** Hasler and Süsstrunk's colourfulness M on 0..255 values: ~0 grey, ~33 moderate, >80 very colourful. */
  colourfulness: number;
  /** Edge density: share of pixels whose luma gradient (Sobel) is strong, 0 .. 1. */
  clutter: number;
}

/** Sobel magnitude (on 0..1 luma) above which a pixel counts as an edge. */
const EDGE_THRESHOLD = 0.35;

export function lumaOf(rgb: Uint8Array, width: number, height: number): Float32Array {
  const size = width * height;
  if (rgb.length < size * 3) throw new RangeError(`expected ${size * 3} RGB bytes, got ${rgb.length}`);
  const luma = new Float32Array(size);
  for (let i = 0; i < size; i++)
    luma[i] = (0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!) / 255;
  return luma;
}

export function imageStats(rgb: Uint8Array, width: number, height: number): ImageStats {
  const size = width * height;
  if (size === 0) throw new RangeError('the image has no pixels');
  const luma = lumaOf(rgb, width, height);
  let sum = 0;
  let sumSq = 0;
  let rgSum = 0;
  let rgSq = 0;
  let ybSum = 0;
  let ybSq = 0;
  for (let i = 0; i < size; i++) {
    const l = luma[i]!;
    sum += l;
    sumSq += l * l;
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    rgSum += rg;
    rgSq += rg * rg;
    ybSum += yb;
    ybSq += yb * yb;
  }
  const mean = sum / size;
  const variance = (mean: number, meanSq: number) => Math.max(0, meanSq - mean * mean);
  const rgMean = rgSum / size;
  const ybMean = ybSum / size;
  const colourfulness =
    Math.sqrt(variance(rgMean, rgSq / size) + variance(ybMean, ybSq / size)) +
    0.3 * Math.sqrt(rgMean * rgMean + ybMean * ybMean);
  return {
    brightness: mean,
    contrast: Math.sqrt(variance(mean, sumSq / size)),
    colourfulness,
    clutter: edgeDensity(luma, width, height),
  };
}

function edgeDensity(luma: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let edges = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = (dx: number, dy: number) => luma[(y + dy) * width + x + dx]!;
      const gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
      const gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
      if (gx * gx + gy * gy > EDGE_THRESHOLD * EDGE_THRESHOLD) edges++;
    }
  }
  return edges / ((width - 2) * (height - 2));
}
