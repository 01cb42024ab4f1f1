import {
  type Decode,
  decodedSize,
  type Feeds,
  type ModelDefinition,
  type ModelSpec,
  type Outputs,
  type Pixels,
  runModel,
} from '@veneer/shared/models';
import type { ImageRef } from '@veneer/shared/protocol';
import * as ort from 'onnxruntime-web/wasm';
import { ImageRefused, imageBlob } from './image-blob.ts';
import { drawRgb } from './image-pixels.ts';
import { type RunModel, runHere } from './model-runner.ts';

/** Where the build puts a model's file inside the extension (wxt.config.ts): its registry path. */
export const packagedPath = (spec: ModelSpec) => `/models/${spec.file}`;

const toOrt = (feeds: Feeds) =>
  Object.fromEntries(
    Object.entries(feeds).map(([name, { data, dims }]) => [
      name,
      new ort.Tensor(data instanceof BigInt64Array ? 'int64' : 'float32', data, dims),
    ]),
  );

/**
 * Runs a model definition (shared/src/models) in this document with onnxruntime-web, or in a
 * model worker (`run`): the same preparation, outputs and thresholds as the inference node.
 */
export async function runInBrowser<In, Out>(
  model: ModelDefinition<In, Out>,
  input: In,
  run: RunModel = runHere,
): Promise<Out> {
  return runModel(
    model,
    async (feeds) => (await run(packagedPath(model.spec), toOrt(feeds))) as unknown as Outputs,
    input,
  );
}

/** An image decoded as a model's definition asks (EXIF orientation applied), and its own size. */
export async function decodeFor(
  image: ImageRef | Blob,
  decode: Decode,
): Promise<Pixels & { original: { width: number; height: number } }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(await imageBlob(image), { imageOrientation: 'from-image' });
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new Error('the file is not an image this browser can read');
  }
  try {
    const { width, height } = decodedSize(decode, bitmap.width, bitmap.height);
    return {
      rgb: drawRgb(bitmap, width, height),
      width,
      height,
      original: { width: bitmap.width, height: bitmap.height },
    };
  } finally {
    bitmap.close();
  }
}
