import * as tf from '@tensorflow/tfjs';
import { isLayersModel, type TfjsModel } from './tfjs-model.ts';

/**
 * The reference: the same model run by @tensorflow/tfjs itself (cpu backend), for parity tests.
 * Not used at runtime.
 */
export async function loadTfjsReference(model: TfjsModel, weights: Uint8Array) {
  await tf.setBackend('cpu');
  const artifacts = tf.io.fromMemory({
    modelTopology: model.modelTopology,
    weightSpecs: model.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
    weightData: weights.slice().buffer,
    ...(model.format ? { format: model.format } : {}),
    ...(model.signature ? { signature: model.signature } : {}),
  } as tf.io.ModelArtifacts);
  const graph = isLayersModel(model)
    ? await tf.loadLayersModel(artifacts)
    : await tf.loadGraphModel(artifacts);
  return {
    /** Runs one NHWC float32 batch; returns the first output's values, or the named output's. */
    predict(input: Float32Array, shape: number[], outputName?: string): Float32Array {
      return tf.tidy(() => {
        const x = tf.tensor(input, shape);
        const output = (
          outputName && graph instanceof tf.GraphModel ? graph.execute(x, outputName) : graph.predict(x)
        ) as tf.Tensor;
        return output.dataSync() as Float32Array;
      });
    },
  };
}

/** nsfwjs's own preprocessing (core.js `infer`) in TF.js: /255, then bilinear resize with aligned corners. */
export function tfjsNsfwInput(rgb: Uint8Array, width: number, height: number, size = 224): Float32Array {
  return tf.tidy(() => {
    const image = tf.tensor3d(rgb, [height, width, 3], 'int32').toFloat().div(tf.scalar(255));
    return tf.image.resizeBilinear(image as tf.Tensor3D, [size, size], true).dataSync() as Float32Array;
  });
}

/** Human's emotion preprocessing (src/gear/emotion.ts) in TF.js: legacy bilinear to 64x64, grey, (g - 0.5) * 2. */
export function tfjsEmotionInput(rgb: Uint8Array, width: number, height: number, size = 64): Float32Array {
  return tf.tidy(() => {
    const image = tf.tensor4d(rgb, [1, height, width, 3], 'int32').toFloat().div(tf.scalar(255));
    const resized = tf.image.resizeBilinear(image as tf.Tensor4D, [size, size], false);
    const [red, green, blue] = tf.split(resized, 3, 3);
    const grey = tf.addN([tf.mul(red!, 0.2989), tf.mul(green!, 0.587), tf.mul(blue!, 0.114)]);
    return tf.mul(tf.sub(grey, 0.5), 2).dataSync() as Float32Array;
  });
}
