import { CLIP_EMBEDDING_SIZE, CLIP_IMAGE_SIZE, CLIP_VOCAB_SIZE } from '@veneer/shared/models';
import { writeOnnxModel } from '@veneer/shared/models/onnx-writer';

/**
 * A STAND-IN for CLIP ViT-B/32, generated because the real weights cannot be downloaded on the
 * machines this project is built and tested on. It has CLIP's input and output names and shapes
 * (pixel_values Bx3x224x224 -> image_embeds Bx512; input_ids, attention_mask BxS -> text_embeds
 * Bx512, last_hidden_state BxSx512), so the node runs the same code on it as on CLIP, but its
 * weights are fixed random projections: the same or a near-identical image gives a near-identical
 * vector, and unrelated images give less similar ones, but it knows nothing about what images or
 * words mean. Nothing may claim CLIP accuracy from it.
 *
 * Generation is deterministic (integer PRNG, no transcendental maths), so the files have a fixed
 * sha256, recorded in the registry and checked by the loader like any downloaded model.
 */
const OPSET = 17;
const POOL = 8;
const TOKEN_FEATURES = 32;

/** mulberry32: a small integer PRNG; values are uniform in [-1, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/** A random projection matrix whose columns keep distances (uniform entries, variance 1/rows). */
function projection(rows: number, columns: number, seed: number): Float32Array {
  const next = uniform(seed);
  const scale = Math.sqrt(3 / rows);
  return Float32Array.from({ length: rows * columns }, () => next() * scale);
}

export function clipStandInVision(): Uint8Array {
  const pooled = CLIP_IMAGE_SIZE / POOL;
  const features = 3 * pooled * pooled;
  return writeOnnxModel({
    name: 'veneer-clip-stand-in-vision',
    producer: 'veneer clip-stand-in (NOT CLIP)',
    opset: OPSET,
    inputs: [
      { name: 'pixel_values', type: 'float32', shape: ['batch_size', 3, CLIP_IMAGE_SIZE, CLIP_IMAGE_SIZE] },
    ],
    outputs: [{ name: 'image_embeds', type: 'float32', shape: ['batch_size', CLIP_EMBEDDING_SIZE] }],
    initializers: [
      {
        name: 'projection',
        dims: [features, CLIP_EMBEDDING_SIZE],
        data: projection(features, CLIP_EMBEDDING_SIZE, 1),
      },
    ],
    nodes: [
      {
        op: 'AveragePool',
        inputs: ['pixel_values'],
        outputs: ['pooled'],
        attributes: { kernel_shape: [POOL, POOL], strides: [POOL, POOL] },
      },
      { op: 'Flatten', inputs: ['pooled'], outputs: ['flat'], attributes: { axis: 1 } },
      { op: 'MatMul', inputs: ['flat', 'projection'], outputs: ['image_embeds'] },
    ],
  });
}

export function clipStandInText(): Uint8Array {
  return writeOnnxModel({
    name: 'veneer-clip-stand-in-text',
    producer: 'veneer clip-stand-in (NOT CLIP)',
    opset: OPSET,
    inputs: [
      { name: 'input_ids', type: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', type: 'int64', shape: ['batch_size', 'sequence_length'] },
    ],
    outputs: [
      { name: 'text_embeds', type: 'float32', shape: ['batch_size', CLIP_EMBEDDING_SIZE] },
      {
        name: 'last_hidden_state',
        type: 'float32',
        shape: ['batch_size', 'sequence_length', CLIP_EMBEDDING_SIZE],
      },
    ],
    initializers: [
      {
        name: 'token_table',
        dims: [CLIP_VOCAB_SIZE, TOKEN_FEATURES],
        data: projection(CLIP_VOCAB_SIZE, TOKEN_FEATURES, 2),
      },
      {
        name: 'projection',
        dims: [TOKEN_FEATURES, CLIP_EMBEDDING_SIZE],
        data: projection(TOKEN_FEATURES, CLIP_EMBEDDING_SIZE, 3),
      },
      { name: 'axis_1', dims: [1], data: BigInt64Array.of(1n) },
      { name: 'axis_2', dims: [1], data: BigInt64Array.of(2n) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['token_table', 'input_ids'], outputs: ['tokens'], attributes: { axis: 0 } },
      { op: 'MatMul', inputs: ['tokens', 'projection'], outputs: ['last_hidden_state'] },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask'], attributes: { to: 1 } },
      { op: 'Unsqueeze', inputs: ['mask', 'axis_2'], outputs: ['mask_3d'] },
      { op: 'Mul', inputs: ['last_hidden_state', 'mask_3d'], outputs: ['masked'] },
      { op: 'ReduceSum', inputs: ['masked', 'axis_1'], outputs: ['summed'], attributes: { keepdims: 0 } },
      { op: 'ReduceSum', inputs: ['mask', 'axis_1'], outputs: ['count'], attributes: { keepdims: 1 } },
      { op: 'Div', inputs: ['summed', 'count'], outputs: ['text_embeds'] },
    ],
  });
}

/** The generators, by the `generated:` source a registry entry names. */
export const GENERATED_MODELS: Record<string, () => Uint8Array> = {
  'generated:clip-stand-in-vision': clipStandInVision,
  'generated:clip-stand-in-text': clipStandInText,
};
