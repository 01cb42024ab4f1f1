import type { TextClassifier } from '@veneer/shared/filters';
import { textCheck } from '@veneer/shared/judge';
import { type Feeds, textModel } from '@veneer/shared/models';
import * as ort from 'onnxruntime-web/wasm';
import { packagedSession } from './ort-session.ts';
import { packagedPath } from './run-model.ts';

const toOrt = (feeds: Feeds) =>
  Object.fromEntries(
    Object.entries(feeds).map(([name, { data, dims }]) => [
      name,
      new ort.Tensor(data instanceof BigInt64Array ? 'int64' : 'float32', data, dims),
    ]),
  );

/**
 * Runs text checks (shared/src/judge: the classifiers, and whatever else reads a post's text) on
 * this device with onnxruntime-web, each with its model's definition: for each check (in order)
 * and each text, its answer, and the time per text and check. Checks whose models prepare text the
 * same way (the same featurizer) share the features: each text is featurized once. Runs in a
 * document (the offscreen document, Firefox's background page, the lab page).
 */
export async function checkTextsLocally(ids: readonly string[], texts: readonly string[]) {
  const models = ids.map((id) => textModel(textCheck(id).model));
  const sessions = await Promise.all(models.map((model) => packagedSession(packagedPath(model.spec))));
  const started = performance.now();
  const answers = models.map(() => new Array<unknown>(texts.length));
  for (const [i, text] of texts.entries()) {
    let feeds: Record<string, ort.Tensor> = {};
    let preparedBy: unknown = null;
    for (const [c, model] of models.entries()) {
      if (model.prepare !== preparedBy) {
        feeds = toOrt(model.prepare(text));
        preparedBy = model.prepare;
      }
      answers[c]![i] = model.read((await sessions[c]!.run(feeds)) as never, text);
    }
  }
  const runs = texts.length * models.length;
  return { answers, msPerText: runs ? (performance.now() - started) / runs : 0 };
}

/** Veneer's text classifiers' probabilities, per task and text (the thumbnail lab's title signal). */
export async function classifyTexts(tasks: readonly TextClassifier[], texts: readonly string[]) {
  const { answers, msPerText } = await checkTextsLocally(tasks, texts);
  return { probabilities: answers as number[][], msPerText };
}
