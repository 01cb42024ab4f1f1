import type { ThumbResult } from '@veneer/shared/protocol';
import { saliencyMap, titleOverlap, titleRelation } from '@veneer/shared/thumbs';
import { inspectImage, resizeToRgb } from '../images/decode.ts';
import type { ClipEmbedder } from './clip-embedder.ts';
import type { EmotionReader } from './emotion-reader.ts';
import type { OcrReader } from './ocr-reader.ts';

/** Size the saliency map is computed at (16:9, like a thumbnail). */
const SALIENCY_INPUT = { width: 96, height: 54 };

/**
 * The thumbnail lab's deep score of one candidate: what the heavy models see at full resolution.
 * OCR reads the text (and it is compared with the title), YuNet finds the faces and Human's
 * emotion model reads their expressions, a centre-surround saliency map says where the eye goes,
 * and CLIP says how well the image matches the title. With CLIP's stand-in (random weights) the
 * match is reported as unavailable rather than as a meaningless number.
 */
export class ThumbnailScorer {
  private readonly ocr: Pick<OcrReader, 'modelId' | 'read'>;
  private readonly emotion: Pick<EmotionReader, 'modelId' | 'read'>;
  private readonly embedder: Pick<ClipEmbedder, 'modelId' | 'embed'> | null;
  private readonly maxPixels: number;

  constructor(
    ocr: Pick<OcrReader, 'modelId' | 'read'>,
    emotion: Pick<EmotionReader, 'modelId' | 'read'>,
    embedder: Pick<ClipEmbedder, 'modelId' | 'embed'> | null,
    maxPixels: number,
  ) {
    this.ocr = ocr;
    this.emotion = emotion;
    this.embedder = embedder;
    this.maxPixels = maxPixels;
  }

  get modelId(): string {
    return [this.ocr.modelId, this.emotion.modelId, this.embedder?.modelId ?? 'no-clip'].join('+');
  }

  async score(bytes: Uint8Array, title: string): Promise<ThumbResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const [ocr, emotion, small, titleMatch] = await Promise.all([
      this.ocr.read(bytes),
      this.emotion.read(bytes),
      resizeToRgb(bytes, SALIENCY_INPUT.width, SALIENCY_INPUT.height, this.maxPixels),
      this.titleMatch(bytes, title),
    ]);
    const content = ocr.lines.map((line) => line.text).join('\n');
    return {
      type: 'thumb',
      model: this.modelId,
      width: info.width,
      height: info.height,
      text: {
        content,
        lines: ocr.lines,
        relation: titleRelation(content, title),
        overlap: titleOverlap(content, title),
      },
      faces: emotion.faces,
      saliency: saliencyMap(small, SALIENCY_INPUT.width, SALIENCY_INPUT.height),
      titleMatch,
    };
  }

  private async titleMatch(bytes: Uint8Array, title: string): Promise<ThumbResult['titleMatch']> {
    if (!this.embedder) return { available: false, reason: 'this inference node has no CLIP model loaded' };
    if (this.embedder.modelId === 'clip-stand-in')
      return {
        available: false,
        reason: "CLIP's real weights are not installed on this inference node (it runs a stand-in)",
      };
    const embedded = await this.embedder.embed(bytes, [title]);
    return { available: true, model: embedded.model, similarity: embedded.texts[0]!.similarity };
  }
}
