import { createHash } from 'node:crypto';
import type { FaceModel, JobRequest, JobResult } from '@veneer/shared/protocol';
import type { FaceDetector } from '../detectors/face-detector.ts';
import type { ImageTransformer } from '../detectors/image-transformer.ts';
import type { OcrReader } from '../detectors/ocr-reader.ts';

export interface Models {
  /** The face detector for a job's `model` (UltraFace when none is named). */
  faceDetector(model: FaceModel | undefined): FaceDetector;
  ocr: Pick<OcrReader, 'modelId' | 'read'>;
  transformer: Pick<ImageTransformer, 'transform'>;
}

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
      const params = createHash('sha256')
        .update(JSON.stringify({ effect, regions, boxes, maxSide }))
        .digest('hex');
      return {
        cacheKey: `transform-${params.slice(0, 32)}`,
        run: (bytes) => models.transformer.transform(bytes, { effect, regions, boxes, maxSide }),
      };
    }
  }
}
