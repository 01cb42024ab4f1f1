import { Tokenizer } from '@huggingface/tokenizers';
import {
  CLIP_IMAGE_SIZE,
  clipPixels,
  clipTextBatch,
  cosineSimilarity,
  normalized,
} from '@veneer/shared/models';
import type { EmbedResult } from '@veneer/shared/protocol';
import type { EmbeddingStore } from '../embeddings/embedding-store.ts';
import { inspectImage, resizeToRgb } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';
import { contentHash } from '../queue/result-cache.ts';

export interface ClipModels {
  /** `clip-vit-b32`, or `clip-stand-in` (CLIP's shapes, random weights: no meaning). */
  modelId: 'clip-vit-b32' | 'clip-stand-in';
  vision: ModelRunner;
  text: ModelRunner;
  /** The text model's inputs: CLIP exports take `input_ids`, some also `attention_mask`. */
  textInputs: readonly string[];
  tokenizer: { json: object; config: object };
}

/**
 * Image and text embeddings with CLIP ViT-B/32 (or its stand-in), L2-normalized so that a dot
 * product is a cosine similarity. Image embeddings are kept in the EmbeddingStore by the sha256
 * of the image bytes, so the same picture is embedded once and can be searched for later.
 */
export class ClipEmbedder {
  readonly modelId: ClipModels['modelId'];
  private readonly models: ClipModels;
  private readonly tokenizer: Tokenizer;
  private readonly endToken: number;
  private readonly store: Pick<EmbeddingStore, 'get' | 'set'>;
  private readonly maxPixels: number;

  constructor(models: ClipModels, store: Pick<EmbeddingStore, 'get' | 'set'>, maxPixels: number) {
    this.models = models;
    this.modelId = models.modelId;
    this.tokenizer = new Tokenizer(models.tokenizer.json, models.tokenizer.config);
    const end = this.tokenizer.encode('').ids.at(-1);
    if (end === undefined) throw new Error('the CLIP tokenizer adds no end token');
    this.endToken = end;
    this.store = store;
    this.maxPixels = maxPixels;
  }

  async embedImage(bytes: Uint8Array): Promise<{ sha256: string; embedding: Float32Array }> {
    const sha256 = contentHash(bytes);
    const stored = await this.store.get(this.modelId, sha256);
    if (stored) return { sha256, embedding: stored };
    await inspectImage(bytes, this.maxPixels);
    const rgb = await resizeToRgb(bytes, CLIP_IMAGE_SIZE, CLIP_IMAGE_SIZE, this.maxPixels, 'cover');
    const outputs = await this.models.vision.run({
      pixel_values: { data: clipPixels(rgb), dims: [1, 3, CLIP_IMAGE_SIZE, CLIP_IMAGE_SIZE] },
    });
    const embedding = normalized(outputs.image_embeds!.data);
    await this.store.set(this.modelId, sha256, embedding);
    return { sha256, embedding };
  }

  /** One normalized embedding per text, run as one batch. */
  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const batch = clipTextBatch(
      texts.map((text) => this.tokenizer.encode(text).ids),
      this.endToken,
    );
    const feeds: Parameters<ModelRunner['run']>[0] = {
      input_ids: { data: batch.inputIds, dims: batch.dims },
    };
    if (this.models.textInputs.includes('attention_mask'))
      feeds.attention_mask = { data: batch.attentionMask, dims: batch.dims };
    const { text_embeds } = await this.models.text.run(feeds);
    const size = text_embeds!.data.length / texts.length;
    return texts.map((_, i) => normalized(text_embeds!.data.subarray(i * size, (i + 1) * size)));
  }

  /** The `embed` job: the image's embedding and its similarity to each text. */
  async embed(bytes: Uint8Array, texts: string[] = []): Promise<EmbedResult> {
    const [{ sha256, embedding }, textVectors] = await Promise.all([
      this.embedImage(bytes),
      this.embedTexts(texts),
    ]);
    return {
      type: 'embed',
      model: this.modelId,
      standIn: this.modelId === 'clip-stand-in',
      sha256,
      embedding: Array.from(embedding, (v) => Math.round(v * 1e6) / 1e6),
      texts: texts.map((text, i) => ({ text, similarity: cosineSimilarity(embedding, textVectors[i]!) })),
    };
  }
}
