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

/**
 * For each task (in order) and each text, the classifier's probability of the positive class,
 * and the time per text and task. The classifiers share their features: each text is hashed once.
 */
export async function classifyTexts(tasks: readonly TextClassifier[], texts: readonly string[]) {
  const sessions = await Promise.all(tasks.map((task) => packagedSession(textModelPath(task))));
  const started = performance.now();
  const probabilities = tasks.map(() => new Array<number>(texts.length));
  for (const [i, text] of texts.entries()) {
    const { indices, values } = hashedFeatures(text);
    const inputs = {
      indices: new ort.Tensor(
        'int64',
        BigInt64Array.from(indices, (index) => BigInt(index)),
        [indices.length],
      ),
      values: new ort.Tensor('float32', values, [values.length]),
    };
    for (const [t, session] of sessions.entries()) {
      const out = await session.run(inputs);
      probabilities[t]![i] = (out.probability!.data as Float32Array)[0]!;
    }
  }
  const runs = texts.length * tasks.length;
  return { probabilities, msPerText: runs ? (performance.now() - started) / runs : 0 };
}
