import { base64ToBytes, bytesToBase64 } from '../base64.ts';

/**
 * Compact text for a learned filter's numbers, so that 500 examples fit in a synced filter list:
 * sorted feature indices as variable-length gaps, weights as 16-bit fixed point, in base64.
 */

function pushVarint(out: number[], value: number): void {
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

class ByteReader {
  private at = 0;
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  get done(): boolean {
    return this.at >= this.bytes.length;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.done) throw new Error('cut short');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('a number too long');
  }
  int16(): number {
    if (this.at + 2 > this.bytes.length) throw new Error('cut short');
    const value = ((this.bytes[this.at]! | (this.bytes[this.at + 1]! << 8)) << 16) >> 16;
    this.at += 2;
    return value;
  }
}

/** Sorted, distinct indices (below `limit`) as text. */
export function encodeIndices(indices: ArrayLike<number>): string {
  const out: number[] = [];
  let previous = -1;
  for (let i = 0; i < indices.length; i++) {
    pushVarint(out, indices[i]! - previous - 1);
    previous = indices[i]!;
  }
  return bytesToBase64(Uint8Array.from(out));
}

/** The indices encodeIndices wrote; throws on text it did not write (or indices not below `limit`). */
export function decodeIndices(text: string, limit: number): Uint32Array {
  const reader = new ByteReader(base64ToBytes(text));
  const out: number[] = [];
  let previous = -1;
  while (!reader.done) {
    previous += reader.varint() + 1;
    if (previous >= limit) throw new Error(`a feature out of range (${previous})`);
    out.push(previous);
  }
  return Uint32Array.from(out);
}

/** Weights are kept to 1/WEIGHT_SCALE, within ±32767/WEIGHT_SCALE. */
const WEIGHT_SCALE = 2048;

/** A sparse weight vector (index -> weight, any order) as text; weights that round to 0 are left out. */
export function encodeWeights(weights: ReadonlyMap<number, number>): string {
  const entries = [...weights]
    .map(
      ([index, weight]) =>
        [index, Math.max(-32767, Math.min(32767, Math.round(weight * WEIGHT_SCALE)))] as const,
    )
    .filter(([, q]) => q !== 0)
    .sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let previous = -1;
  for (const [index, q] of entries) {
    pushVarint(out, index - previous - 1);
    out.push(q & 0xff, (q >> 8) & 0xff);
    previous = index;
  }
  return bytesToBase64(Uint8Array.from(out));
}

export function decodeWeights(text: string, limit: number): Map<number, number> {
  const reader = new ByteReader(base64ToBytes(text));
  const out = new Map<number, number>();
  let previous = -1;
  while (!reader.done) {
    previous += reader.varint() + 1;
    if (previous >= limit) throw new Error(`a feature out of range (${previous})`);
    out.set(previous, reader.int16() / WEIGHT_SCALE);
  }
  return out;
}
