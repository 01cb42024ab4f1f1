import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8788),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** A Redis Cluster instead (`host:port,host:port`, some of its masters); REDIS_URL is then unused. */
  REDIS_CLUSTER_NODES: z.string().optional(),
  /** Shared with the edge: authenticates forwarded jobs and signs result callbacks. */
  NODE_SECRET: z.string().min(16, 'NODE_SECRET must be at least 16 characters'),
  /** Where signed results are posted (`${EDGE_URL}/v1/results`). */
  EDGE_URL: z.url(),
  VENEER_MODELS_DIR: z.string().optional(),
  VENEER_MODELS_CACHE: z.string().default(path.join(os.homedir(), '.cache', 'veneer', 'models')),
  /**
   * host:port pairs the image fetcher may reach even though they are not public addresses.
   * Off by default; only tests and local demos set it, for their own fixture image host.
   */
  VENEER_FETCH_ALLOW: z.string().default(''),
  /** auto: CUDA when its provider loads, else CPU. */
  VENEER_EXECUTION_PROVIDER: z.enum(['auto', 'cpu', 'cuda']).default('auto'),
  INFERENCE_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  INTRA_OP_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Per job type, overriding JOB_CONCURRENCY: `faces=4,ocr=2`. */
  JOB_CONCURRENCY_BY_TYPE: z.string().default(''),
  /** Job lock and stalled-check interval: a crashed node's jobs move to another node within about twice this. */
  LOCK_DURATION_MS: z.coerce.number().int().min(1000).default(5000),
  /** On SIGTERM, how long running jobs may take to finish before they are handed back. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  QUEUE_PREFIX: z.string().default('veneer'),
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  MAX_FETCH_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  MAX_IMAGE_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  /**
   * `clip-vit-b32` downloads CLIP's quantized ONNX files (sha256-checked) on first start;
   * `clip-stand-in` generates a model with CLIP's shapes and random weights, for tests only.
   */
  EMBED_MODEL: z.enum(['clip-vit-b32', 'clip-stand-in']).default('clip-vit-b32'),
  /**
   * Dynamic batching for models with a batch dimension: up to B items gathered within T ms.
   * Unset: 1 on CPU, where bench:node measured batches of 8 no faster per item than single
   * items (PaddleOCR detection: 4.7 vs 5.1 items/s raw), and 8 on CUDA.
   */
  BATCH_MAX_SIZE: z.coerce.number().int().min(1).max(64).optional(),
  BATCH_WINDOW_MS: z.coerce.number().min(0).max(1000).default(5),
  /** Opens the queue dashboard at /admin/queues (bearer token or ?secret=); unset: no dashboard. */
  OPERATOR_SECRET: z.string().min(16, 'OPERATOR_SECRET must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema> & {
  INTRA_OP_THREADS: number;
  fetchAllow: Set<string>;
  concurrencyByType: Map<string, number>;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`invalid configuration:\n  ${problems}`);
  }
  const cores = os.availableParallelism();
  const concurrencyByType = new Map<string, number>();
  for (const pair of parsed.data.JOB_CONCURRENCY_BY_TYPE.split(',').filter(Boolean)) {
    const [type, value] = pair.split('=').map((part) => part.trim());
    const number = Number(value);
    if (!type || !Number.isInteger(number) || number < 1) {
      throw new Error(`invalid configuration:\n  JOB_CONCURRENCY_BY_TYPE: "${pair}" is not type=number`);
    }
    concurrencyByType.set(type, number);
  }
  return {
    ...parsed.data,
    concurrencyByType,
    // Half the cores for inference, half for decoding, resizing, Redis and HTTP: on 2 cores, side
    // by side, faces jobs went from 36-48 a second (2 intra-op threads) to 43-61 (1).
    INTRA_OP_THREADS:
      parsed.data.INTRA_OP_THREADS ?? Math.max(1, Math.floor(cores / 2 / parsed.data.INFERENCE_THREADS)),
    fetchAllow: new Set(
      parsed.data.VENEER_FETCH_ALLOW.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  };
}
