/** Precision, recall and F1 of the positive class, F1 of the negative class, macro-F1 and accuracy. */
export interface BinaryMetrics {
  precision: number;
  recall: number;
  f1: number;
  f1_negative: number;
  macro_f1: number;
  accuracy: number;
}

export function binaryMetrics(labels: ArrayLike<number>, predicted: ArrayLike<number>): BinaryMetrics {
  let [tp, fp, tn, fn] = [0, 0, 0, 0];
  for (let i = 0; i < labels.length; i++) {
    if (predicted[i]) labels[i] ? tp++ : fp++;
    else labels[i] ? fn++ : tn++;
  }
  const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const negPrecision = tn + fn ? tn / (tn + fn) : 0;
  const negRecall = tn + fp ? tn / (tn + fp) : 0;
  const positive = f1(precision, recall);
  const negative = f1(negPrecision, negRecall);
  return {
    precision,
    recall,
    f1: positive,
    f1_negative: negative,
    macro_f1: (positive + negative) / 2,
    accuracy: labels.length ? (tp + tn) / labels.length : 0,
  };
}
