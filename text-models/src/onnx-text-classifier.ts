import { textClassifierModel } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import { runInNode } from './run-in-node.ts';

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
  probability(text: string): Promise<number> {
    return runInNode(this.model, this.session, text);
  }
}
