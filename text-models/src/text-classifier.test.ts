import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashedFeatures } from '@veneer/shared/text';
import { describe, expect, it } from 'vitest';
import { readExamples, sha256File, splitOf, TRAINING_FILES } from './datasets.ts';
import { evaluateClassifier } from './evaluate.ts';
import { logit, sigmoid, trainLogistic } from './logistic-regression.ts';
import { OnnxTextClassifier } from './onnx-text-classifier.ts';
import { modelCardFile, modelFile, repoRoot, sharedDataDir } from './paths.ts';
import { textClassifierOnnx } from './text-classifier-onnx.ts';

const run = promisify(execFile);

describe('logistic regression exported to ONNX', () => {
  const tiny = [
    ...['win free crypto now', 'free giveaway click', 'claim your free coins'].map((text) => ({
      text,
      label: 1 as const,
    })),
    ...['city council meets today', 'rain expected tomorrow', 'local team wins game'].map((text) => ({
      text,
      label: 0 as const,
    })),
  ];
  const model = trainLogistic(
    tiny.map((e) => ({ x: hashedFeatures(e.text, 1024), label: e.label })),
    { dimensions: 1024, epochs: 20, learningRate: 0.5, l2: 0, positiveWeight: 1, seed: 1 },
  );

  it('learns a toy task', () => {
    for (const e of tiny)
      expect(sigmoid(logit(model, hashedFeatures(e.text, 1024))) >= 0.5).toBe(e.label === 1);
  });

  it('gives the same probabilities in onnxruntime as in the trainer', async () => {
    // Features hashed into 1024 buckets need a 1024-wide model: write one for this test.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-text-')), 'tiny.onnx');
    fs.writeFileSync(file, textClassifierOnnx(model, 'tiny'));
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(file);
    for (const e of [...tiny, { text: 'free rain', label: 0 }]) {
      const x = hashedFeatures(e.text, 1024);
      const out = await session.run({
        indices: new ort.Tensor(
          'int64',
          BigInt64Array.from(x.indices, (i) => BigInt(i)),
          [x.indices.length],
        ),
        values: new ort.Tensor('float32', x.values, [x.values.length]),
      });
      expect((out.probability!.data as Float32Array)[0]).toBeCloseTo(sigmoid(logit(model, x)), 5);
    }
  });
});

describe.each([
  ['offensive', 'macro_f1', 0.9],
  ['clickbait', 'f1', 0.985],
] as const)('the committed %s model', (task, metric, goal) => {
  it(`was made from the training file it names, and is under 2 MB`, () => {
    const card = JSON.parse(fs.readFileSync(modelCardFile(task), 'utf8'));
    expect(card.data.sha256).toBe(sha256File(path.join(sharedDataDir, TRAINING_FILES[task])));
    expect(card.onnx.sha256).toBe(sha256File(modelFile(task)));
    expect(fs.statSync(modelFile(task)).size).toBeLessThan(2 * 1024 * 1024);
  });

  it(`reaches ${metric} >= ${goal} on the held-out fifth of its training file`, async () => {
    const examples = readExamples(task, path.join(sharedDataDir, TRAINING_FILES[task])).filter(
      (e) => splitOf(e.text) === 'test',
    );
    const metrics = await evaluateClassifier(await OnnxTextClassifier.load(modelFile(task)), examples);
    expect(metrics[metric]).toBeGreaterThanOrEqual(goal);
  });
});

describe('pnpm eval:text', () => {
  const evalText = (...args: string[]) =>
    run(process.execPath, [path.join(repoRoot, 'text-models/src/eval.ts'), ...args]).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('prints the figures as JSON for a CSV in the training format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-eval-'));
    const file = path.join(dir, 'few.csv');
    fs.writeFileSync(
      file,
      "headline,clickbait\n17 Things Only Cat Owners Will Understand,1\nYou Won't Believe What Happened Next,1\nSenate passes budget bill after long debate,0\nEarthquake strikes off the coast of Japan,0\n",
    );
    const { code, stdout } = await evalText('clickbait', file, '--json');
    expect(code).toBe(0);
    const metrics = JSON.parse(stdout);
    expect(Object.keys(metrics).sort()).toEqual([
      'accuracy',
      'f1',
      'f1_negative',
      'macro_f1',
      'precision',
      'recall',
    ]);
    expect(metrics.accuracy).toBe(1);
  });

  it('refuses a CSV of the other format with a clear message', async () => {
    const { code, stderr } = await evalText('clickbait', path.join(sharedDataDir, TRAINING_FILES.offensive));
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a clickbait CSV/);
  });
});
