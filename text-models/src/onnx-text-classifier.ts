import { hashedFeatures } from '@veneer/shared/text';
import * as ort from 'onnxruntime-node';

/** Runs an exported text classifier with onnxruntime-node, exactly as the extension will run it. */
export class OnnxTextClassifier {
  private readonly session: ort.InferenceSession;

  private constructor(session: ort.InferenceSession) {
    this.session = session;
  }

  static async load(file: string): Promise<OnnxTextClassifier> {
    return new OnnxTextClassifier(await ort.InferenceSession.create(file, { logSeverityLevel: 3 }));
  }

  /** Probability of the positive class; positive when >= 0.5. */
  async probability(text: string): Promise<number> {
    const { indices, values } = hashedFeatures(text);
    const out = await this.session.run({
      indices: new ort.Tensor(
        'int64',
        BigInt64Array.from(indices, (i) => BigInt(i)),
        [indices.length],
      ),
      values: new ort.Tensor('float32', values, [values.length]),
    });
    return (out.probability!.data as Float32Array)[0]!;
  }
}
