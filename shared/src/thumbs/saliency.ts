/**
 * Where the eye goes first: a classical centre-surround saliency map (after Itti, Koch and
 * Niebur) on lightness and the two colour opponents. Each channel is blurred at a fine and a coarse
 * scale; a place is salient where the fine view differs from its surround. Input is RGB at any
 * size (callers pass ~64x36); the map is SALIENCY_WIDTH x SALIENCY_HEIGHT values in 0..1.
 */
export const SALIENCY_WIDTH = 16;
export const SALIENCY_HEIGHT = 9;

export interface SaliencyMap {
  width: number;
  height: number;
  /** Row-major, 0..1 (the peak is 1; all 0 for a flat image). */
  values: number[];
  /** Centre of the saliency mass, as fractions of the image. */
  focus: { x: number; y: number };
  /** Share of the total saliency in the top fifth of the cells: high = one clear focal point. */
  concentration: number;
}

function boxBlur(channel: Float32Array, width: number, height: number, radius: number): Float32Array {
  const pass = (input: Float32Array, horizontal: boolean) => {
    const out = new Float32Array(input.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        let n = 0;
        for (let d = -radius; d <= radius; d++) {
          const xx = horizontal ? x + d : x;
          const yy = horizontal ? y : y + d;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          sum += input[yy * width + xx]!;
          n++;
        }
        out[y * width + x] = sum / n;
      }
    }
    return out;
  };
  return pass(pass(channel, true), false);
}

export function saliencyMap(rgb: Uint8Array, width: number, height: number): SaliencyMap {
  const size = width * height;
  if (size === 0) throw new RangeError('the image has no pixels');
  const channels = [new Float32Array(size), new Float32Array(size), new Float32Array(size)];
  for (let i = 0; i < size; i++) {
    const r = rgb[i * 3]! / 255;
    const g = rgb[i * 3 + 1]! / 255;
    const b = rgb[i * 3 + 2]! / 255;
    channels[0]![i] = 0.299 * r + 0.587 * g + 0.114 * b;
    channels[1]![i] = r - g;
    channels[2]![i] = 0.5 * (r + g) - b;
  }
  const scale = Math.max(1, Math.round(Math.min(width, height) / 12));
  const conspicuity = new Float32Array(size);
  for (const channel of channels) {
    const centre = boxBlur(channel, width, height, Math.max(1, Math.round(scale / 3)));
    const surround = boxBlur(channel, width, height, scale * 2);
    const contrast = centre.map((value, i) => Math.abs(value - surround[i]!));
    // Normalize each channel by its own peak so a small vivid spot is not drowned by a wide one.
    const peak = contrast.reduce((max, value) => Math.max(max, value), 0);
    if (peak > 1e-3) for (let i = 0; i < size; i++) conspicuity[i]! += contrast[i]! / peak;
  }
  const values = new Array<number>(SALIENCY_WIDTH * SALIENCY_HEIGHT).fill(0);
  const counts = new Array<number>(values.length).fill(0);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell =
        Math.min(SALIENCY_HEIGHT - 1, Math.floor((y / height) * SALIENCY_HEIGHT)) * SALIENCY_WIDTH +
        Math.min(SALIENCY_WIDTH - 1, Math.floor((x / width) * SALIENCY_WIDTH));
      values[cell]! += conspicuity[y * width + x]!;
      counts[cell]!++;
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = counts[i] ? values[i]! / counts[i]! : 0;
  const peak = Math.max(...values);
  const normalized = values.map((value) => (peak > 0 ? value / peak : 0));
  const total = normalized.reduce((sum, value) => sum + value, 0);
  let fx = 0.5;
  let fy = 0.5;
  if (total > 0) {
    fx = 0;
    fy = 0;
    normalized.forEach((value, i) => {
      fx += (((i % SALIENCY_WIDTH) + 0.5) / SALIENCY_WIDTH) * value;
      fy += ((Math.floor(i / SALIENCY_WIDTH) + 0.5) / SALIENCY_HEIGHT) * value;
    });
    fx /= total;
    fy /= total;
  }
  const top = [...normalized].sort((a, b) => b - a).slice(0, Math.ceil(normalized.length / 5));
  const concentration = total > 0 ? top.reduce((sum, value) => sum + value, 0) / total : 0;
  return {
    width: SALIENCY_WIDTH,
    height: SALIENCY_HEIGHT,
    values: normalized.map((value) => Math.round(value * 1000) / 1000),
    focus: { x: fx, y: fy },
    concentration,
  };
}
