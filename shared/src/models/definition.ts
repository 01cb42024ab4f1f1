import type { ModelSpec } from './registry.ts';

/** A model input: float32 for images and features, int64 for indices and token ids. */
export interface TensorData {
  data: Float32Array | BigInt64Array;
  dims: number[];
}
/** Every model Veneer runs gives float32 outputs. */
export interface OutputTensor {
  data: Float32Array;
  dims: readonly number[];
}
export type Feeds = Record<string, TensorData>;
export type Outputs = Record<string, OutputTensor>;

/** Decoded pixels: interleaved RGB bytes, `width` x `height`. */
export interface Pixels {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/**
 * How a runtime decodes an image before `prepare`, with its own decoder (libvips on the node, a
 * canvas in the browser): reduced to at most `within` px on its longer side (never enlarged), or
 * stretched to exactly `stretch`.
 */
export type Decode = { within: number } | { stretch: { width: number; height: number } };

/**
 * One model, defined once and run the same way by the inference node (onnxruntime-node) and the
 * extension (onnxruntime-web): its file and sha256 (`spec`, from the registry), how its input is
 * prepared and how its outputs are read, with the thresholds that belong to it. A runtime only
 * loads the file, decodes images as `decode` says and calls `runModel`.
 */
export interface ModelDefinition<In, Out> {
  readonly spec: ModelSpec;
  prepare(input: In): Feeds;
  read(outputs: Outputs, input: In): Out;
}

export interface ImageModelDefinition<Out> extends ModelDefinition<Pixels, Out> {
  readonly decode: Decode;
}

/** The feeds of a model with one input (the registry's name for it). */
export const oneInput = (spec: ModelSpec, data: TensorData['data'], dims: number[]): Feeds => ({
  [spec.input.name]: { data, dims },
});

/** The data of a model's first output (the registry's name for it). */
export const firstOutput = (spec: ModelSpec, outputs: Outputs): Float32Array =>
  outputs[spec.outputs[0]!]!.data;

/** Runs `model` on `input` with a runtime's `run` (a session, a pool of sessions, a worker). */
export async function runModel<In, Out>(
  model: ModelDefinition<In, Out>,
  run: (feeds: Feeds) => Promise<Outputs>,
  input: In,
): Promise<Out> {
  return model.read(await run(model.prepare(input)), input);
}

/** The size an image of `width` x `height` is decoded to under `decode`. */
export function decodedSize(
  decode: Decode,
  width: number,
  height: number,
): { width: number; height: number } {
  if ('stretch' in decode) return decode.stretch;
  const scale = Math.min(1, decode.within / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
