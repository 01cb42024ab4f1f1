/**
 * CLIP ViT-B/32 model I/O (the Xenova ONNX export's names), shared by the inference node and the
 * stand-in model generated for tests. Vision input `pixel_values` Bx3x224x224: the image's shorter
 * side scaled to 224 (bicubic) and the centre cropped, rescaled to 0..1 and normalized with CLIP's
 * mean and std; output `image_embeds` Bx512. Text inputs `input_ids` (and `attention_mask` where
 * the model has it) BxS int64 from the CLIP BPE tokenizer; output `text_embeds` Bx512.
 * Embeddings are compared by cosine similarity, so they are L2-normalized here.
 */
export const CLIP_IMAGE_SIZE = 224;
export const CLIP_EMBEDDING_SIZE = 512;
/** CLIP's text context: longer texts are cut to 77 tokens (start and end tokens included). */
export const CLIP_MAX_TOKENS = 77;
export const CLIP_VOCAB_SIZE = 49_408;
const MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
const STD = [0.26862954, 0.26130258, 0.27577711] as const;

/** Interleaved RGB bytes, 224x224 already cropped, -> planar normalized CHW data. */
export function clipPixels(rgb: Uint8Array): Float32Array {
  const plane = CLIP_IMAGE_SIZE * CLIP_IMAGE_SIZE;
  if (rgb.length !== plane * 3) throw new RangeError(`expected ${plane * 3} RGB bytes, got ${rgb.length}`);
  const out = new Float32Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = (rgb[i * 3 + c]! / 255 - MEAN[c]!) / STD[c]!;
  }
  return out;
}

/** The vector scaled to length 1 (a zero vector stays zero). */
export function normalized(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum) || 1;
  return Float32Array.from(vector, (v) => v / norm);
}

/** Cosine similarity of two vectors of the same length (-1..1). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`vectors of ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Token id rows padded to the longest (pad id 0, mask 0), each cut to CLIP_MAX_TOKENS with the end
 * token kept last, as the BxS int64 `input_ids` and `attention_mask` a CLIP text model takes.
 */
export function clipTextBatch(rows: number[][], endToken: number) {
  const cut = rows.map((ids) =>
    ids.length > CLIP_MAX_TOKENS ? [...ids.slice(0, CLIP_MAX_TOKENS - 1), endToken] : ids,
  );
  const length = Math.max(1, ...cut.map((ids) => ids.length));
  const inputIds = new BigInt64Array(cut.length * length);
  const attentionMask = new BigInt64Array(cut.length * length);
  for (const [row, ids] of cut.entries()) {
    for (const [i, id] of ids.entries()) {
      inputIds[row * length + i] = BigInt(id);
      attentionMask[row * length + i] = 1n;
    }
  }
  return { inputIds, attentionMask, dims: [cut.length, length] };
}
