import { type ModelDefinition, runModel, textClassifierModel } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';

/** The int64 and float32 feeds of a definition as onnxruntime-node tensors. */
const toOrt = (feeds: ReturnType<ModelDefinition<string, number>['prepare']>) =>
  Object.fromEntries(
    Object.entries(feeds).map(([name, { data, dims }]) => [
      name,
      new ort.Tensor(data instanceof BigInt64Array ? 'int64' : 'float32', data, dims),
    ]),
  );

/**
 * Runs one of Veneer's text classifiers with onnxruntime-node, exactly as the extension runs it:
 * the same definition (shared/src/models/text-classifier.ts), and the file given (the committed
 * model, or one being trained).
 */
export class OnnxTextClassifier {
  private readonly session: ort.InferenceSession;
  // Every text classifier shares the featurizer and the output: the offensive one's definition serves any file.
  private readonly model = textClassifierModel('offensive');

  private constructor(session: ort.InferenceSession) {
    this.session = session;
  }

  static async load(file: string): Promise<OnnxTextClassifier> {
    return new OnnxTextClassifier(await ort.InferenceSession.create(file, { logSeverityLevel: 3 }));
  }

  /** Probability of the positive class; positive when >= 0.5. */
  async probability(text: string): Promise<number> {
    return runModel(this.model, async (feeds) => (await this.session.run(toOrt(feeds))) as never, text);
  }
}
