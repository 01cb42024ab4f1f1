/**
 * A perceptual hash (dHash, 64 bits) for "images like this one": the image is reduced to 9x8
 * grey cells and each bit says whether a cell is brighter than its right neighbour. Re-encoded,
 * resized or slightly recoloured copies of an image differ in a few bits; unrelated images in
 * about half of them.
 */
export const HASH_COLUMNS = 9;
export const HASH_ROWS = 8;
/** At most this many differing bits (of 64) count as "like this". */
export const SIMILAR_BITS = 10;

/** Area-averaged grey (Rec. 601 luma) of RGBA pixels, reduced to 9x8 cells. */
export function greyCells(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Float64Array {
  if (rgba.length < width * height * 4 || width < 1 || height < 1)
    throw new Error('not an RGBA image of that size');
  const sums = new Float64Array(HASH_COLUMNS * HASH_ROWS);
  const counts = new Float64Array(HASH_COLUMNS * HASH_ROWS);
  for (let y = 0; y < height; y++) {
    const row = Math.min(HASH_ROWS - 1, Math.floor((y * HASH_ROWS) / height));
    for (let x = 0; x < width; x++) {
      const column = Math.min(HASH_COLUMNS - 1, Math.floor((x * HASH_COLUMNS) / width));
      const i = (y * width + x) * 4;
      sums[row * HASH_COLUMNS + column]! += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      counts[row * HASH_COLUMNS + column]! += 1;
    }
  }
  return sums.map((sum, i) => sum / Math.max(1, counts[i]!));
}

/** The 64-bit hash of RGBA pixels, as 16 hex digits. */
export function dHash(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): string {
  const cells = greyCells(rgba, width, height);
  let bits = 0n;
  for (let row = 0; row < HASH_ROWS; row++) {
    for (let column = 0; column < HASH_COLUMNS - 1; column++) {
      const left = cells[row * HASH_COLUMNS + column]!;
      const right = cells[row * HASH_COLUMNS + column + 1]!;
      bits = (bits << 1n) | (left > right ? 1n : 0n);
    }
  }
  return bits.toString(16).padStart(16, '0');
}

/** How many of the 64 bits differ. */
export function hammingDistance(a: string, b: string): number {
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff) {
    count += Number(diff & 1n);
    diff >>= 1n;
  }
  return count;
}

export const isSimilar = (a: string, b: string) => hammingDistance(a, b) <= SIMILAR_BITS;
