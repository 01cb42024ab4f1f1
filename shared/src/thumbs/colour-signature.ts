/**
 * A thumbnail's colour and brightness at a glance, as a viewer scanning a feed sees it: mean
 * lightness, mean opponent colour (red-green, yellow-blue), and how the chroma spreads over eight
 * hues. Distances between signatures say how much a candidate stands out from its neighbours.
 */
export interface ColourSignature {
  /** Mean luma 0..1. */
  lightness: number;
  /** Mean red-green and yellow-blue opponents, -1..1. */
  rg: number;
  yb: number;
  /** Chroma-weighted hue histogram, 8 bins summing to the mean chroma (0..~1). */
  hues: number[];
}

const HUE_BINS = 8;

export function colourSignature(rgb: Uint8Array, width: number, height: number): ColourSignature {
  const size = width * height;
  if (size === 0) throw new RangeError('the image has no pixels');
  let lightness = 0;
  let rgSum = 0;
  let ybSum = 0;
  const hues = new Array<number>(HUE_BINS).fill(0);
  for (let i = 0; i < size; i++) {
    const r = rgb[i * 3]! / 255;
    const g = rgb[i * 3 + 1]! / 255;
    const b = rgb[i * 3 + 2]! / 255;
    lightness += 0.299 * r + 0.587 * g + 0.114 * b;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    rgSum += rg;
    ybSum += yb;
    const chroma = Math.hypot(rg, yb);
    if (chroma > 0.02) {
      const turn = (Math.atan2(yb, rg) / (2 * Math.PI) + 1) % 1;
      hues[Math.min(HUE_BINS - 1, Math.floor(turn * HUE_BINS))]! += chroma;
    }
  }
  return {
    lightness: lightness / size,
    rg: rgSum / size,
    yb: ybSum / size,
    hues: hues.map((value) => value / size),
  };
}

/** How different two thumbnails look at a glance: lightness counts most, then colour. */
export function signatureDistance(a: ColourSignature, b: ColourSignature): number {
  let hueDistance = 0;
  for (let i = 0; i < HUE_BINS; i++) hueDistance += Math.abs((a.hues[i] ?? 0) - (b.hues[i] ?? 0));
  return Math.hypot(1.5 * (a.lightness - b.lightness), a.rg - b.rg, a.yb - b.yb) + 0.5 * hueDistance;
}

export interface StandOut {
  /**
   * The candidate's mean distance to the feed's thumbnails, divided by how far apart the feed's
   * thumbnails are from each other: above 1 it stands out more than a typical neighbour does.
   */
  ratio: number;
  /** How many feed thumbnails it was compared with. */
  compared: number;
}

export function standOut(candidate: ColourSignature, feed: readonly ColourSignature[]): StandOut {
  if (feed.length < 2) throw new RangeError('need at least two feed thumbnails to compare with');
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const toCandidate = mean(feed.map((signature) => signatureDistance(candidate, signature)));
  const pairwise: number[] = [];
  for (let i = 0; i < feed.length; i++)
    for (let j = i + 1; j < feed.length; j++) pairwise.push(signatureDistance(feed[i]!, feed[j]!));
  const spread = mean(pairwise);
  return { ratio: spread > 0 ? toCandidate / spread : toCandidate > 0 ? 2 : 1, compared: feed.length };
}
