/**
 * pnpm train:text <offensive|clickbait>: trains Veneer's own text classifier on the training file
 * in ../shared/data/text, exports it to ONNX (text-models/models/<task>.onnx, committed) with a
 * model card (<task>.json: data sha256, command, settings, held-out figures), and writes the
 * held-out fifth of the file to .tmp/text-models/<task>-heldout.csv for `pnpm eval:text`.
 * Deterministic: the split is by a hash of each text, the order by a seeded shuffle.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashedFeatures, TEXT_FEATURE_DIMENSIONS } from '@veneer/shared/text';
import { binaryMetrics } from './binary-metrics.ts';
import {
  readExamples,
  sha256File,
  splitOf,
  TASKS,
  type Task,
  TRAINING_FILES,
  writeExamples,
} from './datasets.ts';
import { evaluateClassifier } from './evaluate.ts';
import { logit, type TrainOptions, trainLogistic } from './logistic-regression.ts';
import { OnnxTextClassifier } from './onnx-text-classifier.ts';
import { heldOutFile, modelCardFile, modelFile, sharedDataDir } from './paths.ts';
import { textClassifierOnnx } from './text-classifier-onnx.ts';

const task = process.argv[2] as Task;
if (!TASKS.includes(task)) {
  console.error(`usage: pnpm train:text <${TASKS.join('|')}>`);
  process.exit(2);
}
/** What the threshold and settings are chosen for: the goal for each task. */
const target = task === 'offensive' ? 'macro_f1' : 'f1';

const dataFile = path.join(sharedDataDir, TRAINING_FILES[task]);
const examples = readExamples(task, dataFile);
const parts = {
  train: [] as typeof examples,
  validation: [] as typeof examples,
  test: [] as typeof examples,
};
for (const e of examples) parts[splitOf(e.text)].push(e);
const featurized = (list: typeof examples) =>
  list.map((e) => ({ x: hashedFeatures(e.text), label: e.label }));
const [train, validation] = [featurized(parts.train), featurized(parts.validation)];
console.log(
  `${task}: ${examples.length} rows; train ${train.length}, validation ${validation.length}, test ${parts.test.length}`,
);

/** The best threshold on validation logits for the target metric. */
function bestThreshold(logits: number[], labels: number[]) {
  let best = { threshold: 0, score: -1 };
  for (let t = -4; t <= 4; t += 0.05) {
    const score = binaryMetrics(
      labels,
      logits.map((z) => (z >= t ? 1 : 0)),
    )[target];
    if (score > best.score) best = { threshold: t, score };
  }
  return best;
}

let chosen: { options: TrainOptions; threshold: number; score: number } | null = null;
for (const epochs of [4, 8]) {
  for (const learningRate of [0.1, 0.3]) {
    for (const l2 of [0, 1e-5]) {
      const options: TrainOptions = {
        dimensions: TEXT_FEATURE_DIMENSIONS,
        epochs,
        learningRate,
        l2,
        positiveWeight: 1,
        seed: 7,
      };
      const model = trainLogistic(train, options);
      const { threshold, score } = bestThreshold(
        validation.map((v) => logit(model, v.x)),
        validation.map((v) => v.label),
      );
      console.log(
        `  epochs ${epochs}, lr ${learningRate}, l2 ${l2}: validation ${target} ${score.toFixed(4)}`,
      );
      if (!chosen || score > chosen.score) chosen = { options, threshold, score };
    }
  }
}
if (!chosen) throw new Error('no setting trained');

// The chosen settings, trained on train + validation; the threshold is folded into the bias.
const model = trainLogistic([...train, ...validation], chosen.options);
model.bias -= chosen.threshold;
const bytes = textClassifierOnnx(model, `veneer-${task}`);
fs.mkdirSync(path.dirname(modelFile(task)), { recursive: true });
fs.writeFileSync(modelFile(task), bytes);
fs.mkdirSync(path.dirname(heldOutFile(task)), { recursive: true });
writeExamples(task, heldOutFile(task), parts.test);

// Held-out figures come from the exported ONNX model, as the extension runs it.
const heldOut = await evaluateClassifier(await OnnxTextClassifier.load(modelFile(task)), parts.test);
const card = {
  task,
  model: 'logistic regression on hashed word 1-2-grams and character 2-5-grams (shared/src/text)',
  command: `pnpm train:text ${task}`,
  data: {
    file: `../shared/data/${TRAINING_FILES[task]}`,
    sha256: sha256File(dataFile),
    rows: examples.length,
  },
  split: 'by sha256 of the text: 20% test (held out), 10% validation (settings and threshold), 70% train',
  settings: { ...chosen.options, threshold: Number(chosen.threshold.toFixed(2)) },
  heldOut: Object.fromEntries(Object.entries(heldOut).map(([k, v]) => [k, Number(v.toFixed(4))])),
  heldOutRows: parts.test.length,
  onnx: { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') },
};
fs.writeFileSync(modelCardFile(task), `${JSON.stringify(card, null, 2)}\n`);
console.log(JSON.stringify(card, null, 2));
