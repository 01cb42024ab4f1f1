import type { SparseFeatures } from '@veneer/shared/text';
import { shuffled } from './seeded-shuffle.ts';

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
