import { serve } from '@hono/node-server';
import { MODELS } from '@veneer/shared/models';
import { type FaceModel, JOB_TYPES, type NodeJob } from '@veneer/shared/protocol';
import { OnnxTextClassifier } from '@veneer/text-models/onnx-text-classifier';
import { modelFile } from '@veneer/text-models/paths';
import { Worker } from 'bullmq';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { createEdgeClient } from './callback/edge-client.ts';
import { loadConfig } from './config.ts';
import { EmotionReader } from './detectors/emotion-reader.ts';
import type { FaceDetector } from './detectors/face-detector.ts';
import { ImageTransformer } from './detectors/image-transformer.ts';
import { NsfwClassifier } from './detectors/nsfw-classifier.ts';
import { ObjectDetector } from './detectors/object-detector.ts';
import { OcrReader, ocrModelFile } from './detectors/ocr-reader.ts';
import { ThumbnailAppraiser } from './detectors/thumbnail-appraiser.ts';
import { ThumbnailScorer } from './detectors/thumbnail-scorer.ts';
import { UltraFaceDetector } from './detectors/ultraface-detector.ts';
import { YunetDetector } from './detectors/yunet-detector.ts';
import { EmbeddingStore } from './embeddings/embedding-store.ts';
import { createImageFetcher } from './fetch/image-fetcher.ts';
import { BatchingRunner } from './inference/batching-runner.ts';
import { loadEmbedder } from './inference/load-embedder.ts';
import { loadModel, startPool } from './inference/load-model.ts';
import type { SessionPool } from './inference/session-pool.ts';
import { createMetrics } from './metrics.ts';
import { JobQueues, queueName } from './queue/job-queue.ts';
import type { Models } from './queue/job-runners.ts';
import { processJob } from './queue/process-job.ts';
import { connectRedis, keyPrefix } from './queue/redis-connection.ts';
import { ResultCache } from './queue/result-cache.ts';

const config = loadConfig();
const log = pino({ level: config.LOG_LEVEL, base: { service: 'inference-node' } });

const pools = await Promise.all([
  loadModel(MODELS['ultraface-rfb-320'], config, log),
  loadModel(MODELS['ultraface-rfb-640'], config, log),
  loadModel(MODELS['yunet-n-320'], config, log),
  startPool(await ocrModelFile(MODELS['pp-ocrv4-det']), config, log, MODELS['pp-ocrv4-det'].id),
  startPool(await ocrModelFile(MODELS['pp-ocrv4-rec']), config, log, MODELS['pp-ocrv4-rec'].id),
  loadModel(MODELS['nsfw-mobilenet-v2'], config, log),
  loadModel(MODELS['emotion-human'], config, log),
  loadModel(MODELS['centernet-human'], config, log),
]);
const [
  ultrafacePool,
  ultraface640Pool,
  yunetPool,
  ocrDetectorPool,
  ocrRecognizerPool,
  nsfwPool,
  emotionPool,
  objectsPool,
] = pools;

const redis = connectRedis(config);
const prefix = keyPrefix(config.QUEUE_PREFIX, Boolean(config.REDIS_CLUSTER_NODES));
const queues = new JobQueues(redis, prefix);
const metrics = createMetrics();
/** Models with a batch dimension run behind a dynamic batcher (B, T from the config). */
const batched = (pool: SessionPool, model: string) =>
  new BatchingRunner(pool, {
    maxBatch: config.BATCH_MAX_SIZE ?? (pool.provider === 'cuda' ? 8 : 1),
    windowMs: config.BATCH_WINDOW_MS,
    onBatch: (size) => metrics.batchSize.observe({ model }, size),
  });
const embeddings = new EmbeddingStore(redis, prefix);
const embedder = await loadEmbedder(config, log, embeddings, batched).catch((error: Error) => {
  log.error(
    { err: error.message, model: config.EMBED_MODEL },
    'embedding model unavailable: embed jobs are refused',
  );
  return null;
});
if (embedder) pools.push(...embedder.pools);
const fetcher = createImageFetcher({
  allow: config.fetchAllow,
  timeoutMs: config.FETCH_TIMEOUT_MS,
  maxBytes: config.MAX_FETCH_BYTES,
});
if (config.fetchAllow.size > 0)
  log.warn({ allow: [...config.fetchAllow] }, 'image fetcher allow-list is on (tests only)');
const faceDetectors = {
  ultraface: new UltraFaceDetector(ultrafacePool, config.MAX_IMAGE_PIXELS, ultraface640Pool),
  yunet: new YunetDetector(MODELS['yunet-n-320'], yunetPool, config.MAX_IMAGE_PIXELS),
} satisfies Record<FaceModel, FaceDetector>;
const textDetector = batched(ocrDetectorPool, MODELS['pp-ocrv4-det'].id);
const ocr = await OcrReader.create(textDetector, ocrRecognizerPool, config.MAX_IMAGE_PIXELS);
const nsfw = new NsfwClassifier(batched(nsfwPool, MODELS['nsfw-mobilenet-v2'].id), config.MAX_IMAGE_PIXELS);
const emotion = new EmotionReader(emotionPool, faceDetectors.yunet, config.MAX_IMAGE_PIXELS);
const objects = new ObjectDetector(objectsPool, config.MAX_IMAGE_PIXELS);
const models: Models = {
  faceDetector: (model) => faceDetectors[model ?? 'ultraface'],
  ocr,
  transformer: new ImageTransformer(faceDetectors.ultraface, ocr, config.MAX_IMAGE_PIXELS),
  nsfw,
  emotion,
  objects,
  embedder: embedder?.embedder ?? null,
  thumbs: new ThumbnailScorer(ocr, emotion, embedder?.embedder ?? null, config.MAX_IMAGE_PIXELS),
};
// The thumbnail lab's title signal: Veneer's own clickbait model (text-models/), as in the browser.
const clickbait = await OnnxTextClassifier.load(modelFile('clickbait')).catch((error: Error) => {
  log.error({ err: error.message }, 'clickbait model unavailable: titles are scored without it');
  return null;
});
const appraiser = new ThumbnailAppraiser(textDetector, models.thumbs, clickbait, config.MAX_IMAGE_PIXELS);
const cache = new ResultCache(redis, prefix);
const edge = createEdgeClient(config.EDGE_URL, config.NODE_SECRET);

// A node without the embedding model takes no embed jobs; nodes that have it do.
const workers = JOB_TYPES.filter((type) => type !== 'embed' || embedder).map(
  (type) =>
    new Worker<NodeJob>(
      queueName(type),
      (job) =>
        processJob(job.data, {
          fetchImage: fetcher.fetchImage,
          models,
          cache,
          edge,
          metrics,
          log,
        }),
      {
        connection: redis.duplicate(),
        prefix,
        concurrency: config.concurrencyByType.get(type) ?? config.JOB_CONCURRENCY,
        // Inference runs in worker threads, so the event loop renews locks on time; short locks
        // let another node take over a crashed node's jobs within seconds.
        lockDuration: config.LOCK_DURATION_MS,
        stalledInterval: config.LOCK_DURATION_MS,
        maxStalledCount: 2,
      },
    ),
);
for (const worker of workers) {
  worker.on('failed', (job, error) => {
    metrics.errors.inc({ type: worker.name.replace(/^jobs-/, '') });
    log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job attempt failed');
  });
}

const app = createApp({
  secret: config.NODE_SECRET,
  queues,
  fetcher,
  maxPixels: config.MAX_IMAGE_PIXELS,
  redis,
  metrics,
  provider: ultrafacePool.provider,
  models: [
    ...Object.values(faceDetectors).map((d) => d.modelId),
    ocr.modelId,
    nsfw.modelId,
    MODELS['emotion-human'].id,
    objects.modelId,
    ...(embedder ? [embedder.embedder.modelId] : []),
  ],
  unavailable: embedder ? [] : ['embed'],
  appraiser,
  embeddings,
  embedModel: embedder?.embedder.modelId ?? null,
  operatorSecret: config.OPERATOR_SECRET,
  log,
});
const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) =>
  log.info({ host: info.address, port: info.port }, 'inference node listening'),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new jobs, finishing running ones');
  server.close();
  // Running jobs get SHUTDOWN_GRACE_MS to finish; after that they are handed back (their locks
  // lapse and another node, or this one restarted, takes them over).
  const finished = Promise.all(workers.map((w) => w.close()));
  const deadline = new Promise<'late'>((resolve) =>
    setTimeout(() => resolve('late'), config.SHUTDOWN_GRACE_MS).unref(),
  );
  if ((await Promise.race([finished, deadline])) === 'late') {
    log.warn('jobs still running at the deadline: handing them back');
    await Promise.all(workers.map((w) => w.close(true)));
  }
  await queues.close();
  await Promise.all(pools.map((p) => p.close()));
  await fetcher.close();
  redis.disconnect();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
