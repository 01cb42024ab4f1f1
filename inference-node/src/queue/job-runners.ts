import { createHash } from 'node:crypto';
import type { FaceModel, JobRequest, JobResult } from '@veneer/shared/protocol';
import type { ClipEmbedder } from '../detectors/clip-embedder.ts';
import type { EmotionReader } from '../detectors/emotion-reader.ts';
import type { FaceDetector } from '../detectors/face-detector.ts';
import type { ImageTransformer } from '../detectors/image-transformer.ts';
import type { NsfwClassifier } from '../detectors/nsfw-classifier.ts';
import type { ObjectDetector } from '../detectors/object-detector.ts';
import type { OcrReader } from '../detectors/ocr-reader.ts';
import type { ThumbnailScorer } from '../detectors/thumbnail-scorer.ts';

export interface Models {
  /** The face detector for a job's `model` (UltraFace when none is named). */
  faceDetector(model: FaceModel | undefined): FaceDetector;
  ocr: Pick<OcrReader, 'modelId' | 'read'>;
  transformer: Pick<ImageTransformer, 'transform'>;
  nsfw: Pick<NsfwClassifier, 'modelId' | 'classify'>;
  emotion: Pick<EmotionReader, 'modelId' | 'read'>;
  objects: Pick<ObjectDetector, 'modelId' | 'detect'>;
  thumbs: Pick<ThumbnailScorer, 'modelId' | 'score'>;
  /** Null where the embedding model could not be loaded (this node then takes no embed jobs). */
  embedder: Pick<ClipEmbedder, 'modelId' | 'embed'> | null;
}

const paramsHash = (params: unknown) =>
  createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 32);

export interface JobRunner {
  /** What, besides the image bytes, decides the result: the result cache's key. */
  cacheKey: string;
  run(bytes: Uint8Array): Promise<JobResult>;
}

/** How each job type turns image bytes into its result. */
export function runnerFor(job: JobRequest, models: Models): JobRunner {
  switch (job.type) {
    case 'faces': {
      const detector = models.faceDetector(job.model);
      return { cacheKey: detector.modelId, run: (bytes) => detector.detect(bytes) };
    }
    case 'ocr':
      return { cacheKey: models.ocr.modelId, run: (bytes) => models.ocr.read(bytes) };
    case 'transform': {
      const { effect, regions, boxes, maxSide } = job;
      return {
        cacheKey: `transform-${paramsHash({ effect, regions, boxes, maxSide })}`,
        run: (bytes) => models.transformer.transform(bytes, { effect, regions, boxes, maxSide }),
      };
    }
    case 'nsfw':
      return { cacheKey: models.nsfw.modelId, run: (bytes) => models.nsfw.classify(bytes) };
    case 'emotion':
      return { cacheKey: models.emotion.modelId, run: (bytes) => models.emotion.read(bytes) };
    case 'objects':
      return { cacheKey: models.objects.modelId, run: (bytes) => models.objects.detect(bytes) };
    case 'thumb': {
      const { title } = job;
      return {
        cacheKey: `${models.thumbs.modelId}-${paramsHash(title)}`,
        run: (bytes) => models.thumbs.score(bytes, title),
      };
    }
    case 'embed': {
      const { embedder } = models;
      if (!embedder) throw new Error('this node has no embedding model');
      const texts = job.texts ?? [];
      return {
        cacheKey: `${embedder.modelId}-${paramsHash(texts)}`,
        run: (bytes) => embedder.embed(bytes, texts),
      };
    }
  }
}
