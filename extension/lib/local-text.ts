import type { TextClassifier } from '@veneer/shared/filters';
import { textClassifierModel } from '@veneer/shared/models';
import * as ort from 'onnxruntime-web/wasm';
import { packagedSession } from './ort-session.ts';
import { packagedPath } from './run-model.ts';

/**
 * Veneer's own text classifiers (text-models/: offensive language, clickbait) on this device with
 * onnxruntime-web, as their definition says (shared/src/models/text-classifier.ts): the same
 * features and the same ONNX files as trained and evaluated. Runs in a document.
 *
 * For each task (in order) and each text, the probability of the positive class, and the time per
 * text and task. The classifiers share their features: each text is hashed once.
 */
export async function classifyTexts(tasks: readonly TextClassifier[], texts: readonly string[]) {
  const models = tasks.map(textClassifierModel);
  const sessions = await Promise.all(models.map((model) => packagedSession(packagedPath(model.spec))));
  const started = performance.now();
  const probabilities = tasks.map(() => new Array<number>(texts.length));
  for (const [i, text] of texts.entries()) {
    const feeds = models[0]!.prepare(text);
    const tensors = {
      indices: new ort.Tensor('int64', feeds.indices!.data, feeds.indices!.dims),
      values: new ort.Tensor('float32', feeds.values!.data, feeds.values!.dims),
    };
    for (const [t, session] of sessions.entries()) {
      const outputs = await session.run(tensors);
      probabilities[t]![i] = models[t]!.read(outputs as never, text);
    }
  }
  const runs = texts.length * tasks.length;
  return { probabilities, msPerText: runs ? (performance.now() - started) / runs : 0 };
}
