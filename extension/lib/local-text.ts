import type { TextClassifier } from '@veneer/shared/filters';
import { hashedFeatures } from '@veneer/shared/text';
import * as ort from 'onnxruntime-web/wasm';
import { packagedSession } from './ort-session.ts';

/**
 * Veneer's own text classifiers (text-models/: offensive language, clickbait) on this device with
 * onnxruntime-web: the same features (shared/src/text) and the same ONNX files as trained and
 * evaluated. Runs in a document (Chrome's offscreen document, Firefox's background page).
 */
export const textModelPath = (task: TextClassifier) => `/models/text/${task}.onnx`;

/** For each text, the classifier's probability of the positive class, and how long it took. */
export async function classifyTexts(task: TextClassifier, texts: string[]) {
  const session = await packagedSession(textModelPath(task));
  const started = performance.now();
  const probabilities: number[] = [];
  for (const text of texts) {
    const { indices, values } = hashedFeatures(text);
    const out = await session.run({
      indices: new ort.Tensor(
        'int64',
        BigInt64Array.from(indices, (i) => BigInt(i)),
        [indices.length],
      ),
      values: new ort.Tensor('float32', values, [values.length]),
    });
    probabilities.push((out.probability!.data as Float32Array)[0]!);
  }
  return { probabilities, msPerText: texts.length ? (performance.now() - started) / texts.length : 0 };
}
