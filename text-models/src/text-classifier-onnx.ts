import { writeOnnxModel } from '@veneer/shared/models/onnx-writer';
import type { LogisticModel } from './logistic-regression.ts';

/**
 * The ONNX graph of a hashed-feature logistic regression, for onnxruntime-node and -web:
 * inputs `indices` (int64 [n]) and `values` (float32 [n]) from hashedFeatures(), output
 * `probability` (float32 [1]) of the positive class. The decision threshold is folded into the
 * bias, so positive means probability >= 0.5.
 */
export function textClassifierOnnx(model: LogisticModel, name: string): Uint8Array {
  return writeOnnxModel({
    name,
    producer: 'veneer text-models',
    opset: 17,
    inputs: [
      { name: 'indices', type: 'int64', shape: ['features'] },
      { name: 'values', type: 'float32', shape: ['features'] },
    ],
    outputs: [{ name: 'probability', type: 'float32', shape: [1] }],
    initializers: [
      { name: 'weights', dims: [model.weights.length], data: model.weights },
      { name: 'bias', dims: [1], data: Float32Array.of(model.bias) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['weights', 'indices'], outputs: ['picked'], attributes: { axis: 0 } },
      { op: 'Mul', inputs: ['picked', 'values'], outputs: ['weighted'] },
      { op: 'ReduceSum', inputs: ['weighted'], outputs: ['sum'], attributes: { keepdims: 1 } },
      { op: 'Add', inputs: ['sum', 'bias'], outputs: ['logit'] },
      { op: 'Sigmoid', inputs: ['logit'], outputs: ['probability'] },
    ],
  });
}
