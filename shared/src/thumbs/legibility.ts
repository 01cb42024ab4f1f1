import type { TextRegion } from '../models/paddle-ocr.ts';

/**
 * Whether the text on a thumbnail survives the sizes viewers see it at. The text detector runs on
 * the thumbnail at a generous size (the reference) and again on the thumbnail shrunk to each
 * viewer size (and brought back up to the detector's input, so the detail lost on the way down
 * stays lost); text the detector no longer finds, or lines only a few pixels tall, are unreadable.
 */

/** Where viewers see a thumbnail, and how big (CSS pixels). */
export const VIEWER_SIZES = {
  mobile: { width: 168, height: 94, label: 'the mobile feed' },
  desktop: { width: 320, height: 180, label: 'the desktop home grid' },
  sidebar: { width: 168, height: 94, label: 'the watch-page sidebar' },
} as const;
export type ViewerSize = keyof typeof VIEWER_SIZES;

/** A text region as fractions of the image: axis-aligned box, and the line's thickness. */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Height of the letters (the region's thickness) as a fraction of the image height. */
  lineHeight: number;
}

/** Text regions found in a `mapWidth` x `mapHeight` probability map, of which the image filled `contentWidth` x `contentHeight`. */
export function textBoxes(
  regions: readonly TextRegion[],
  contentWidth: number,
  contentHeight: number,
): TextBox[] {
  return regions.map((region) => {
    const cos = Math.abs(Math.cos(region.angle));
    const sin = Math.abs(Math.sin(region.angle));
    const halfW = (region.length * cos + region.thickness * sin) / 2;
    const halfH = (region.length * sin + region.thickness * cos) / 2;
    const x1 = Math.max(0, (region.cx - halfW) / contentWidth);
    const y1 = Math.max(0, (region.cy - halfH) / contentHeight);
    const x2 = Math.min(1, (region.cx + halfW) / contentWidth);
    const y2 = Math.min(1, (region.cy + halfH) / contentHeight);
    return {
      x: x1,
      y: y1,
      width: Math.max(0, x2 - x1),
      height: Math.max(0, y2 - y1),
      lineHeight: region.thickness / contentHeight,
    };
  });
}

const GRID_W = 64;
const GRID_H = 36;

function rasterize(boxes: readonly TextBox[]): Uint8Array {
  const grid = new Uint8Array(GRID_W * GRID_H);
  for (const box of boxes) {
    const x1 = Math.floor(box.x * GRID_W);
    const x2 = Math.ceil((box.x + box.width) * GRID_W);
    const y1 = Math.floor(box.y * GRID_H);
    const y2 = Math.ceil((box.y + box.height) * GRID_H);
    for (let y = Math.max(0, y1); y < Math.min(GRID_H, y2); y++)
      for (let x = Math.max(0, x1); x < Math.min(GRID_W, x2); x++) grid[y * GRID_W + x] = 1;
  }
  return grid;
}

/** Share of the image covered by text, 0..1. */
export function textArea(boxes: readonly TextBox[]): number {
  return rasterize(boxes).reduce((sum, cell) => sum + cell, 0) / (GRID_W * GRID_H);
}

/** Share of the reference text's area that the boxes found at a smaller size still cover. */
export function textRecall(reference: readonly TextBox[], found: readonly TextBox[]): number {
  const wanted = rasterize(reference);
  const got = rasterize(found);
  let total = 0;
  let kept = 0;
  for (let i = 0; i < wanted.length; i++) {
    if (!wanted[i]) continue;
    total++;
    if (got[i]) kept++;
  }
  return total === 0 ? 1 : kept / total;
}

/** Letters shorter than this many CSS pixels are not read at a glance. */
export const MIN_READABLE_LINE_PX = 7;
/** Share of the text the detector must still find at a size for the text to count as legible there. */
export const MIN_RECALL = 0.5;

export interface SizeLegibility {
  /** Share of the reference text still found at this size. */
  recall: number;
  /** Height of the tallest line of text at this size, CSS pixels. */
  tallestLinePx: number;
  legible: boolean;
}

export function legibilityAt(
  size: ViewerSize,
  reference: readonly TextBox[],
  found: readonly TextBox[],
): SizeLegibility {
  const recall = textRecall(reference, found);
  const tallest = Math.max(0, ...reference.map((box) => box.lineHeight));
  const tallestLinePx = tallest * VIEWER_SIZES[size].height;
  return { recall, tallestLinePx, legible: recall >= MIN_RECALL && tallestLinePx >= MIN_READABLE_LINE_PX };
}
