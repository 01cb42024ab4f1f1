import type { SparseFeatures } from '@veneer/shared/text';

export interface TrainOptions {
  dimensions: number;
  epochs: number;
  /** Adagrad step size. */
  learningRate: number;
  /** L2 penalty per step on the weights touched. */
  l2: number;
  /** Weight of positive examples against negative ones (1: as they come). */
  positiveWeight: number;
  seed: number;
}

export interface LogisticModel {
  weights: Float32Array;
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function logit(model: LogisticModel, x: SparseFeatures): number {
  let z = model.bias;
  for (let i = 0; i < x.indices.length; i++) z += model.weights[x.indices[i]!]! * x.values[i]!;
  return z;
}

/** A seeded shuffle (mulberry32), so training is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Logistic regression on sparse features by Adagrad, one pass per epoch in a seeded order. */
export function trainLogistic(
  examples: Array<{ x: SparseFeatures; label: 0 | 1 }>,
  options: TrainOptions,
): LogisticModel {
  const weights = new Float32Array(options.dimensions);
  const squares = new Float32Array(options.dimensions).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const { x, label } of shuffled(examples, options.seed + epoch)) {
      const p = sigmoid(logit({ weights, bias }, x));
      const g = (p - label) * (label ? options.positiveWeight : 1);
      for (let i = 0; i < x.indices.length; i++) {
        const k = x.indices[i]!;
        const grad = g * x.values[i]! + options.l2 * weights[k]!;
        squares[k]! += grad * grad;
        weights[k]! -= (options.learningRate * grad) / Math.sqrt(squares[k]!);
      }
      biasSquares += g * g;
      bias -= (options.learningRate * g) / Math.sqrt(biasSquares);
    }
  }
  return { weights, bias };
}
