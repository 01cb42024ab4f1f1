import { z } from 'zod';
import { ImageRefSchema } from './images.ts';

/** Job types the edge and the inference node know. Later issues add ocr, embed, transform, ... */
export const JOB_TYPES = [
  'faces',
  'ocr',
  'transform',
  'embed',
  'nsfw',
  'emotion',
  'objects',
  'thumb',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** Face detectors: UltraFace finds more small faces (used to blur); YuNet is stricter and gives landmarks. */
export const FACE_MODELS = ['ultraface', 'yunet'] as const;
export type FaceModel = (typeof FACE_MODELS)[number];

/** A box in the image's own coordinates, as fractions of its width and height (0..1). */
export const BoxSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().min(0).max(1),
  height: z.number().min(0).max(1),
});
export type Box = z.infer<typeof BoxSchema>;

/** Feed work a user waits for goes ahead of bulk work (re-scans, thumbnail batches). */
export const JOB_PRIORITIES = ['interactive', 'bulk'] as const;
const priority = z.enum(JOB_PRIORITIES).optional();

export const FacesJobSchema = z.object({
  type: z.literal('faces'),
  image: ImageRefSchema,
  priority,
  model: z.enum(FACE_MODELS).optional(),
});

/** Text in the image (memes, screenshots): lines with their text, confidence and place. */
export const OcrJobSchema = z.object({
  type: z.literal('ocr'),
  image: ImageRefSchema,
  priority,
});

/**
 * A new image with some regions blurred or pixelated: the faces, the text lines, the boxes given,
 * or all of it. The output is WebP, at most `maxSide` pixels on its longer side.
 */
export const TransformJobSchema = z
  .object({
    type: z.literal('transform'),
    image: ImageRefSchema,
    priority,
    effect: z.enum(['blur', 'pixelate']),
    regions: z.enum(['faces', 'text', 'boxes', 'all']),
    boxes: z.array(BoxSchema).max(100).optional(),
    maxSide: z.number().int().min(64).max(2048).optional(),
  })
  .refine((job) => job.regions !== 'boxes' || (job.boxes?.length ?? 0) > 0, {
    message: 'regions "boxes" needs at least one box',
    path: ['boxes'],
  });

/**
 * An image embedding (CLIP ViT-B/32, or its stand-in where the weights cannot be had), and how
 * similar the image is to each of up to 16 texts (a video title, filter words).
 */
export const EmbedJobSchema = z.object({
  type: z.literal('embed'),
  image: ImageRefSchema,
  priority,
  texts: z.array(z.string().trim().min(1).max(300)).max(16).optional(),
});

/** How explicit the image is: nsfwjs's MobileNetV2 classifier (5 classes), imported to ONNX. */
export const NsfwJobSchema = z.object({
  type: z.literal('nsfw'),
  image: ImageRefSchema,
  priority,
});

/** The expression of each face (YuNet finds them; Human's emotion model reads each crop). */
export const EmotionJobSchema = z.object({
  type: z.literal('emotion'),
  image: ImageRefSchema,
  priority,
});

/** COCO-80 objects in the image (Human's CenterNet, imported from TF.js), after non-max suppression. */
export const ObjectsJobSchema = z.object({
  type: z.literal('objects'),
  image: ImageRefSchema,
  priority,
});

/** Longest video title YouTube accepts. */
export const MAX_TITLE_LENGTH = 100;

/**
 * The thumbnail lab's deep score of one candidate against the video's title: OCR of its text and
 * whether that repeats the title, faces at full resolution with their expressions, a saliency
 * map, and the CLIP title-image match where real CLIP weights are loaded.
 */
export const ThumbJobSchema = z.object({
  type: z.literal('thumb'),
  image: ImageRefSchema,
  priority,
  title: z.string().trim().min(1, 'the title is empty').max(MAX_TITLE_LENGTH),
});

/** What a client sends to `POST /v1/jobs`. */
export const JobRequestSchema = z.discriminatedUnion('type', [
  FacesJobSchema,
  OcrJobSchema,
  TransformJobSchema,
  EmbedJobSchema,
  NsfwJobSchema,
  EmotionJobSchema,
  ObjectsJobSchema,
  ThumbJobSchema,
]);
export type JobRequest = z.infer<typeof JobRequestSchema>;

/** `cached`: the result was already known and has been pushed at once. */
export const JobAcceptedSchema = z.object({ jobId: z.string(), cached: z.boolean().optional() });
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;

/**
 * What the edge forwards to an inference node's `POST /jobs`. The id is derived from the job's
 * content, so the same job asked by many users runs once; the node never learns who asked.
 */
export const NodeJobSchema = z.object({
  jobId: z.string().min(1).max(128),
  job: JobRequestSchema,
});
export type NodeJob = z.infer<typeof NodeJobSchema>;

export const FaceSchema = z.object({
  box: BoxSchema,
  score: z.number().min(0).max(1),
  /** YuNet only: right eye, left eye, nose tip, right and left mouth corners, as fractions of the image. */
  landmarks: z
    .array(z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]))
    .length(5)
    .optional(),
});
export type Face = z.infer<typeof FaceSchema>;

export const FacesResultSchema = z.object({
  type: z.literal('faces'),
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  faces: z.array(FaceSchema),
});
export type FacesResult = z.infer<typeof FacesResultSchema>;

export const OcrLineSchema = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  /** Axis-aligned box around the (possibly slanted) line, as fractions of the image. */
  box: BoxSchema,
  /** Direction of the line in degrees (0: horizontal). */
  angle: z.number(),
});
export type OcrLine = z.infer<typeof OcrLineSchema>;

export const OcrResultSchema = z.object({
  type: z.literal('ocr'),
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  lines: z.array(OcrLineSchema),
});
export type OcrResult = z.infer<typeof OcrResultSchema>;

/** Largest transformed image returned (bytes, before base64). */
export const MAX_TRANSFORM_BYTES = 600 * 1024;

export const TransformResultSchema = z.object({
  type: z.literal('transform'),
  mime: z.literal('image/webp'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** How many regions were changed. */
  applied: z.number().int().min(0),
  data: z.string().max(Math.ceil(MAX_TRANSFORM_BYTES / 3) * 4),
});
export type TransformResult = z.infer<typeof TransformResultSchema>;

/** Length of an embedding vector (CLIP ViT-B/32 and its stand-in). */
export const EMBEDDING_SIZE = 512;

export const EmbedResultSchema = z.object({
  type: z.literal('embed'),
  /** `clip-vit-b32`, or `clip-stand-in`: same shapes, random weights, no meaning (tests only). */
  model: z.string(),
  standIn: z.boolean(),
  /** sha256 of the image bytes: the key to find similar images (`POST /embeddings/search`). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** L2-normalized image embedding. */
  embedding: z.array(z.number()).length(EMBEDDING_SIZE),
  /** Cosine similarity of the image to each text asked about, in the order asked. */
  texts: z.array(z.object({ text: z.string(), similarity: z.number().min(-1.001).max(1.001) })),
});
export type EmbedResult = z.infer<typeof EmbedResultSchema>;

export const NsfwResultSchema = z.object({
  type: z.literal('nsfw'),
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Probability of each class (they sum to 1). */
  scores: z.object({
    drawing: z.number(),
    hentai: z.number(),
    neutral: z.number(),
    porn: z.number(),
    sexy: z.number(),
  }),
  /** The most likely class. */
  top: z.enum(['drawing', 'hentai', 'neutral', 'porn', 'sexy']),
});
export type NsfwResult = z.infer<typeof NsfwResultSchema>;

export const EMOTION_NAMES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;

export const EmotionResultSchema = z.object({
  type: z.literal('emotion'),
  /** The face detector and the expression model. */
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  faces: z.array(
    FaceSchema.extend({
      /** The most likely expression and the probability of each. */
      emotion: z.enum(EMOTION_NAMES),
      scores: z.record(z.enum(EMOTION_NAMES), z.number()),
    }),
  ),
});
export type EmotionResult = z.infer<typeof EmotionResultSchema>;

export const ObjectsResultSchema = z.object({
  type: z.literal('objects'),
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Best first: the COCO label, its score, and the box as fractions of the image. */
  objects: z.array(z.object({ label: z.string(), score: z.number().min(0).max(1), box: BoxSchema })),
});
export type ObjectsResult = z.infer<typeof ObjectsResultSchema>;

export const ThumbResultSchema = z.object({
  type: z.literal('thumb'),
  /** The models that made it: OCR, faces + expression, CLIP (or its stand-in). */
  model: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  text: z.object({
    /** All the text read on the thumbnail, line by line. */
    content: z.string(),
    lines: z.array(OcrLineSchema),
    relation: z.enum(['none', 'repeats', 'adds']),
    /** Share of the thumbnail's words that are in the title. */
    overlap: z.number().min(0).max(1),
  }),
  faces: EmotionResultSchema.shape.faces,
  saliency: z.object({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    values: z.array(z.number().min(0).max(1)),
    focus: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }),
    concentration: z.number().min(0).max(1),
  }),
  titleMatch: z.discriminatedUnion('available', [
    z.object({
      available: z.literal(true),
      model: z.string(),
      similarity: z.number().min(-1.001).max(1.001),
    }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]),
});
export type ThumbResult = z.infer<typeof ThumbResultSchema>;

export const JobResultSchema = z.discriminatedUnion('type', [
  FacesResultSchema,
  OcrResultSchema,
  TransformResultSchema,
  EmbedResultSchema,
  NsfwResultSchema,
  EmotionResultSchema,
  ObjectsResultSchema,
  ThumbResultSchema,
]);
export type JobResult = z.infer<typeof JobResultSchema>;

export const JobFailureSchema = z.object({ code: z.string(), message: z.string() });
export type JobFailure = z.infer<typeof JobFailureSchema>;

/** What an inference node posts (signed) to the edge's `POST /v1/results`: progress, then the outcome. */
export const ResultCallbackSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('running'),
    jobId: z.string(),
    progress: z.number().min(0).max(1).optional(),
  }),
  z.object({ status: z.literal('done'), jobId: z.string(), result: JobResultSchema }),
  z.object({ status: z.literal('failed'), jobId: z.string(), error: JobFailureSchema }),
]);
export type ResultCallback = z.infer<typeof ResultCallbackSchema>;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');

/** Most images one user's embedding search looks among: the newest the user had embedded. */
export const MAX_EMBEDDINGS_SEARCHED_PER_USER = 5000;

const EmbeddingQuerySchema = z.object({
  sha256: Sha256Schema.optional(),
  embedding: z.array(z.number().finite()).length(EMBEDDING_SIZE).optional(),
  limit: z.number().int().min(1).max(100).default(10),
  minSimilarity: z.number().min(-1).max(1).default(0.8),
});
const oneQuery = (q: { sha256?: string; embedding?: number[] }) =>
  (q.sha256 === undefined) !== (q.embedding === undefined);
const ONE_QUERY = { message: 'give either sha256 or embedding, not both' };

/**
 * `POST /v1/embeddings/search` on the edge: among the images this user had embedded, those like one
 * of them (by the sha256 an `embed` result names) or like a given embedding.
 */
export const EmbeddingSearchSchema = EmbeddingQuerySchema.refine(oneQuery, ONE_QUERY);

/**
 * `POST /embeddings/search` on an inference node (edge only): the same query, scoped to `within`,
 * the images of the user who asks (the edge keeps them per user). The node never scans every
 * user's images for anyone.
 */
export const NodeEmbeddingSearchSchema = EmbeddingQuerySchema.extend({
  within: z.array(Sha256Schema).max(MAX_EMBEDDINGS_SEARCHED_PER_USER),
}).refine(oneQuery, ONE_QUERY);
export type NodeEmbeddingSearch = z.infer<typeof NodeEmbeddingSearchSchema>;
export type EmbeddingSearch = z.infer<typeof EmbeddingSearchSchema>;

export const EmbeddingSearchResultSchema = z.object({
  model: z.string(),
  standIn: z.boolean(),
  matches: z.array(z.object({ sha256: z.string(), similarity: z.number() })),
});
export type EmbeddingSearchResult = z.infer<typeof EmbeddingSearchResultSchema>;
