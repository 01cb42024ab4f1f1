import { type BinaryMetrics, binaryMetrics } from './binary-metrics.ts';
import type { Example } from './datasets.ts';
import type { OnnxTextClassifier } from './onnx-text-classifier.ts';

/** The exported model's figures on labelled examples (positive when probability >= 0.5). */
export async function evaluateClassifier(
  classifier: OnnxTextClassifier,
  examples: Example[],
): Promise<BinaryMetrics> {
  const predicted: number[] = [];
  for (const e of examples) predicted.push((await classifier.probability(e.text)) >= 0.5 ? 1 : 0);
  return binaryMetrics(
    examples.map((e) => e.label),
    predicted,
  );
}
