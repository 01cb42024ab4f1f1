import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FacesResult, ResultCallback } from '@veneer/shared/protocol';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dataDir,
  type ImageHost,
  type InferenceNode,
  OPERATOR_SECRET_FOR_TESTS,
  type RedisServer,
  startImageHost,
  startInferenceNode,
  startRedis,
} from '../stack/index.ts';
import { startCallbackReceiver } from './callback-receiver.ts';

const secret = randomBytes(24).toString('hex');
let redis: RedisServer;
let images: ImageHost;
let node: InferenceNode;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  [redis, images, receiver] = await Promise.all([
    startRedis(),
    startImageHost(),
    startCallbackReceiver(secret),
  ]);
  node = await startInferenceNode({
    redisUrl: redis.url,
    edgeUrl: receiver.url,
    secret,
    fetchAllow: [images.hostPort],
    extraCaFile: images.caFile,
    // A wide batching window so that embed jobs sent together are seen to share a batch.
    env: { MAX_FETCH_BYTES: '600000', BATCH_MAX_SIZE: '8', BATCH_WINDOW_MS: '40' },
  });
});

afterAll(async () => {
  await node?.stop();
  await Promise.all([redis?.stop(), images?.stop(), receiver?.stop()]);
});

function postJob(body: unknown, authorization: string | null = `Bearer ${secret}`) {
  return fetch(`${node.url}/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const urlJob = (url: string, jobId = randomUUID()) => ({
  jobId,
  job: { type: 'faces', image: { kind: 'url', url } },
});
const bytesJob = (bytes: Buffer, mime = 'image/png', jobId = randomUUID()) => ({
  jobId,
  job: { type: 'faces', image: { kind: 'bytes', mime, data: bytes.toString('base64') } },
});

async function run(job: { jobId: string; job: unknown }): Promise<ResultCallback> {
  const response = await postJob(job);
  expect(response.status, await response.clone().text()).toBe(202);
  expect(await response.json()).toEqual({ jobId: job.jobId });
  return receiver.waitFor(job.jobId);
}

const facesOf = (callback: ResultCallback): FacesResult => {
  if (callback.status !== 'done' || callback.result.type !== 'faces')
    throw new Error(`not faces: ${JSON.stringify(callback)}`);
  return callback.result;
};

describe('inference node with real Redis and UltraFace', () => {
  it('finds the faces in a group photo fetched by URL, with boxes inside the image', async () => {
    const result = facesOf(await run(urlJob(`${images.origin}/faces/3.jpg`)));
    expect(result).toMatchObject({ type: 'faces', width: 1024, height: 768 });
    expect(result.faces.length).toBeGreaterThanOrEqual(3);
    for (const { box, score } of result.faces) {
      expect(score).toBeGreaterThan(0.7);
      expect(box.x + box.width).toBeLessThanOrEqual(1);
      expect(box.y + box.height).toBeLessThanOrEqual(1);
      expect(box.width).toBeGreaterThan(0.01);
    }
    expect(receiver.badSignatures).toEqual([]);
  });

  it('runs large images through the 640 x 480 model', async () => {
    // 3.jpg is 1024 x 768: over the 960 px side where the larger model takes over.
    const large = facesOf(await run(urlJob(`${images.origin}/faces/3.jpg?size=large`)));
    expect(large.model).toBe('ultraface-rfb-640');
    expect(large.faces.length).toBeGreaterThanOrEqual(3);
    const small = facesOf(await run(urlJob(`${images.origin}/images/pillow_hopper.jpg?size=small`)));
    expect(small.model).toBe('ultraface-rfb-320');
  });

  it('reads uploaded bytes: a portrait has a face, the coffee photo has none', async () => {
    const portrait = fs.readFileSync(path.join(dataDir, 'images/pillow_hopper.jpg'));
    const coffee = fs.readFileSync(path.join(dataDir, 'images/skimage_coffee.png'));
    const [withFace, without] = await Promise.all([
      run(bytesJob(portrait, 'image/jpeg')),
      run(bytesJob(coffee)),
    ]);
    expect(facesOf(withFace).faces.length).toBeGreaterThanOrEqual(1);
    expect(facesOf(without).faces).toEqual([]);
  });

  it('with YuNet, gives five landmarks inside each face box, and no face in the coffee photo', async () => {
    const yunet = (job: ReturnType<typeof urlJob>) => ({ ...job, job: { ...job.job, model: 'yunet' } });
    const [group, coffee] = await Promise.all([
      run(yunet(urlJob(`${images.origin}/faces/3.jpg`))),
      run(yunet(urlJob(`${images.origin}/images/skimage_coffee.png`))),
    ]);
    const result = facesOf(group);
    expect(result.model).toBe('yunet-n-320');
    expect(result.faces.length).toBeGreaterThanOrEqual(3);
    for (const { box, landmarks } of result.faces) {
      expect(landmarks).toHaveLength(5);
      for (const [x, y] of landmarks!) {
        expect(x).toBeGreaterThanOrEqual(box.x - 0.01);
        expect(x).toBeLessThanOrEqual(box.x + box.width + 0.01);
        expect(y).toBeGreaterThanOrEqual(box.y - 0.01);
        expect(y).toBeLessThanOrEqual(box.y + box.height + 0.01);
      }
      // Eyes above the mouth corners.
      expect(Math.max(landmarks![0]![1], landmarks![1]![1])).toBeLessThan(
        Math.min(landmarks![3]![1], landmarks![4]![1]),
      );
    }
    expect(facesOf(coffee).faces).toEqual([]);
  });

  it('follows a redirect to a public image', async () => {
    const target = encodeURIComponent(`${images.origin}/faces/2.jpg`);
    const result = facesOf(await run(urlJob(`${images.origin}/redirect?to=${target}`)));
    expect(result.faces.length).toBeGreaterThanOrEqual(1);
  });

  it('runs a job id once while it is pending, and again when asked after it finished', async () => {
    const job = urlJob(`${images.origin}/faces/2.jpg`);
    expect((await postJob(job)).status).toBe(202);
    expect((await postJob(job)).status).toBe(202);
    await receiver.waitFor(job.jobId);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const outcomes = () => receiver.received.filter((r) => r.jobId === job.jobId && r.status !== 'running');
    expect(outcomes()).toHaveLength(1);
    expect(receiver.received.filter((r) => r.jobId === job.jobId && r.status === 'running')).toHaveLength(1);
    expect((await postJob(job)).status).toBe(202);
    await expect.poll(() => outcomes().length, { timeout: 30_000 }).toBe(2);
  });

  it('counts finished jobs in its own metrics', async () => {
    const before = await doneCount();
    await run(urlJob(`${images.origin}/images/skimage_rocket.jpg`));
    expect(await doneCount()).toBe(before + 1);
  });
});

async function doneCount(): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('veneer_jobs_total{type="faces",status="done"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Text rendered into a PNG with DejaVu Sans (librsvg), optionally over a photo, like a meme. */
async function textImage(
  lines: Array<{ text: string; y: number; size: number; rotate?: number }>,
  photo?: string,
) {
  const width = 640;
  const height = 240;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    ${photo ? '' : '<rect width="100%" height="100%" fill="white"/>'}
    ${lines
      .map(
        (l) => `<text x="30" y="${l.y}" font-family="DejaVu Sans" font-weight="bold" font-size="${l.size}"
          fill="${photo ? 'white' : 'black'}" stroke="${photo ? 'black' : 'none'}" stroke-width="2"
          transform="rotate(${l.rotate ?? 0} 30 ${l.y})">${l.text}</text>`,
      )
      .join('')}
  </svg>`;
  const base = photo
    ? sharp(path.join(dataDir, photo)).resize(width, height, { fit: 'cover' })
    : sharp({ create: { width, height, channels: 3, background: '#fff' } });
  return base
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}

describe('ocr', () => {
  const ocrJob = (bytes: Buffer) => ({
    jobId: randomUUID(),
    job: { type: 'ocr', image: { kind: 'bytes', mime: 'image/png', data: bytes.toString('base64') } },
  });
  const linesOf = (callback: ResultCallback) => {
    if (callback.status !== 'done' || callback.result.type !== 'ocr')
      throw new Error(JSON.stringify(callback));
    return callback.result;
  };

  it('reads printed lines, a slanted one too, with their places', async () => {
    const image = await textImage([
      { text: 'Crypto giveaway today', y: 80, size: 40 },
      { text: 'Free money for everyone', y: 180, size: 32, rotate: -8 },
    ]);
    const result = linesOf(await run(ocrJob(image)));
    expect(result).toMatchObject({ type: 'ocr', model: 'pp-ocrv4', width: 640, height: 240 });
    expect(result.lines.map((l) => l.text)).toEqual(['Crypto giveaway today', 'Free money for everyone']);
    const [first, second] = result.lines;
    expect(first!.box.y).toBeLessThan(second!.box.y);
    expect(first!.confidence).toBeGreaterThan(0.9);
    expect(second!.angle).toBeLessThan(-4);
  });

  it('reads a caption over a photo', async () => {
    const meme = await textImage(
      [{ text: 'WHEN THE ROCKET LAUNCHES', y: 60, size: 30 }],
      'images/skimage_rocket.jpg',
    );
    const text = linesOf(await run(ocrJob(meme)))
      .lines.map((l) => l.text)
      .join(' ');
    expect(text).toContain('WHEN THE ROCKET LAUNCHES');
  });

  it('finds no text in a photo without any', async () => {
    const coffee = fs.readFileSync(path.join(dataDir, 'images/skimage_coffee.png'));
    expect(linesOf(await run(ocrJob(coffee))).lines).toEqual([]);
  });
});

describe('bad input gets a clear 4xx at the node', () => {
  const expectError = async (response: Response, status: number, code: string) => {
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
    expect(body.error.message.length).toBeGreaterThan(5);
    return body.error.message;
  };

  it('refuses a missing or wrong secret', async () => {
    await expectError(await postJob(urlJob(`${images.origin}/faces/3.jpg`), null), 401, 'unauthorized');
    await expectError(
      await postJob(urlJob(`${images.origin}/faces/3.jpg`), 'Bearer nope'),
      401,
      'unauthorized',
    );
  });

  it('refuses malformed JSON, missing fields, unknown types and oversized bodies', async () => {
    await expectError(await postJob('{"jobId":'), 400, 'bad_json');
    await expectError(await postJob({ jobId: 'x', userId: 'u' }), 400, 'invalid_request');
    await expectError(
      await postJob({ jobId: 1, userId: 'u', job: { type: 'faces' } }),
      400,
      'invalid_request',
    );
    await expectError(
      await postJob({
        jobId: 'x',
        userId: 'u',
        job: { type: 'teleport', image: { kind: 'url', url: 'https://a.b' } },
      }),
      400,
      'unknown_job_type',
    );
    await expectError(await postJob(`{"pad":"${'A'.repeat(12 * 1024 * 1024)}"}`), 413, 'body_too_large');
  });

  it.each([
    ['loopback', () => `http://127.0.0.1:${redis.port}/x.jpg`],
    ['localhost by name', () => `http://localhost:${redis.port}/x.jpg`],
    ['IPv6 loopback', () => 'http://[::1]/x.jpg'],
    ['IPv4-mapped IPv6', () => 'http://[::ffff:127.0.0.1]/x.jpg'],
    ['private', () => 'http://10.0.0.8/x.jpg'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['CGNAT', () => 'http://100.64.1.1/x.jpg'],
  ])('refuses a %s address before queueing', async (_name, url) => {
    const message = await expectError(await postJob(urlJob(url())), 400, 'blocked_address');
    expect(message).toMatch(/only public addresses/);
  });

  it('refuses a URL that is not http(s)', async () => {
    await expectError(await postJob(urlJob('ftp://example.com/x.jpg')), 400, 'invalid_request');
  });

  it('refuses uploaded bytes that are not an image, or that have too many pixels', async () => {
    await expectError(await postJob(bytesJob(Buffer.from('hello, I am not a picture'))), 422, 'not_an_image');
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const message = await expectError(await postJob(bytesJob(bomb)), 413, 'image_too_large');
    expect(message).toMatch(/8000x6000/);
  });
});

describe('image problems found while fetching are pushed as failures, never retried', () => {
  const failure = async (url: string) => {
    const callback = await run(urlJob(url));
    if (callback.status !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(callback)}`);
    return callback.error;
  };

  it('a redirect to a loopback address is refused at the redirect', async () => {
    const error = await failure(
      `${images.origin}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${redis.port}/`)}`,
    );
    expect(error.code).toBe('blocked_address');
  });

  it('a file that is not an image', async () => {
    expect((await failure(`${images.origin}/faces/LICENSE`)).code).toBe('not_an_image');
  });

  it('an image over the byte limit', async () => {
    expect((await failure(`${images.origin}/images/wikimedia_frog.jpg`)).code).toBe('image_too_large');
  });

  it('a missing image', async () => {
    const error = await failure(`${images.origin}/images/no-such-file.jpg`);
    expect(error).toEqual({ code: 'fetch_failed', message: 'the image host answered 404' });
  });
});

describe('transform', () => {
  const transformJob = (bytes: Buffer, params: Record<string, unknown>) => ({
    jobId: randomUUID(),
    job: {
      type: 'transform',
      image: { kind: 'bytes', mime: 'image/png', data: bytes.toString('base64') },
      ...params,
    },
  });
  const imageOf = (callback: ResultCallback) => {
    if (callback.status !== 'done' || callback.result.type !== 'transform')
      throw new Error(JSON.stringify(callback));
    return { ...callback.result, bytes: Buffer.from(callback.result.data, 'base64') };
  };
  /** Grey pixels of an image at a given size, to compare images pixel by pixel. */
  const grey = async (bytes: Buffer, width: number, height: number) =>
    sharp(bytes).resize(width, height, { fit: 'fill' }).greyscale().raw().toBuffer();
  /** Mean absolute difference of two grey images inside a box given as fractions. */
  const difference = (a: Buffer, b: Buffer, width: number, box: [number, number, number, number]) => {
    const height = a.length / width;
    let sum = 0;
    let n = 0;
    for (let y = Math.floor(box[1] * height); y < Math.floor((box[1] + box[3]) * height); y++)
      for (let x = Math.floor(box[0] * width); x < Math.floor((box[0] + box[2]) * width); x++) {
        sum += Math.abs(a[y * width + x]! - b[y * width + x]!);
        n++;
      }
    return sum / n;
  };
  /** Mean absolute difference between neighbouring pixels: high for sharp images, low for blurred ones. */
  const sharpness = (pixels: Buffer, width: number) => {
    let sum = 0;
    for (let i = 1; i < pixels.length; i++) if (i % width) sum += Math.abs(pixels[i]! - pixels[i - 1]!);
    return sum / pixels.length;
  };

  it('pixelates the faces of a group photo and leaves the rest alone', async () => {
    const photo = fs.readFileSync(path.join(dataDir, 'faces/3.jpg'));
    const faces = facesOf(await run(bytesJob(photo, 'image/jpeg'))).faces;
    const out = imageOf(await run(transformJob(photo, { effect: 'pixelate', regions: 'faces' })));
    expect(out).toMatchObject({ mime: 'image/webp', width: 1024, height: 768, applied: faces.length });
    expect((await sharp(out.bytes).metadata()).format).toBe('webp');
    const [before, after] = await Promise.all([grey(photo, 512, 384), grey(out.bytes, 512, 384)]);
    expect(faces.length).toBeGreaterThanOrEqual(3);
    for (const { box } of faces) {
      expect(difference(before, after, 512, [box.x, box.y, box.width, box.height])).toBeGreaterThan(4);
    }
    // The top left corner of this photo holds no face: only WebP's own loss changes it.
    expect(difference(before, after, 512, [0, 0, 0.15, 0.15])).toBeLessThan(3);
  });

  it('blurs a whole image, and makes it no bigger than asked', async () => {
    const photo = fs.readFileSync(path.join(dataDir, 'images/skimage_astronaut.png'));
    const out = imageOf(await run(transformJob(photo, { effect: 'blur', regions: 'all', maxSide: 256 })));
    expect(out).toMatchObject({ width: 256, height: 256, applied: 1 });
    const [before, after] = await Promise.all([grey(photo, 256, 256), grey(out.bytes, 256, 256)]);
    expect(sharpness(after, 256)).toBeLessThan(sharpness(before, 256) / 3);
  });

  it('changes only the boxes it is given', async () => {
    const photo = fs.readFileSync(path.join(dataDir, 'images/skimage_coffee.png'));
    const box = { x: 0, y: 0, width: 0.5, height: 0.5 };
    const out = imageOf(await run(transformJob(photo, { effect: 'blur', regions: 'boxes', boxes: [box] })));
    const [before, after] = await Promise.all([grey(photo, 400, 300), grey(out.bytes, 400, 300)]);
    expect(difference(before, after, 400, [0, 0, 0.5, 0.5])).toBeGreaterThan(4);
    expect(difference(before, after, 400, [0.55, 0.55, 0.45, 0.45])).toBeLessThan(3);
  });

  it('hides text lines well enough that OCR can no longer read them', async () => {
    const image = await textImage([
      { text: 'Crypto giveaway today', y: 80, size: 40 },
      { text: 'Free money for everyone', y: 180, size: 32 },
    ]);
    const out = imageOf(await run(transformJob(image, { effect: 'blur', regions: 'text' })));
    expect(out.applied).toBe(2);
    const reread = await run({
      jobId: randomUUID(),
      job: { type: 'ocr', image: { kind: 'bytes', mime: 'image/webp', data: out.data } },
    });
    if (reread.status !== 'done' || reread.result.type !== 'ocr') throw new Error(JSON.stringify(reread));
    const words = reread.result.lines.map((l) => l.text).join(' ');
    expect(words).not.toMatch(/Crypto|giveaway|money|everyone/);
  });

  it('refuses "boxes" without a box', async () => {
    const photo = fs.readFileSync(path.join(dataDir, 'images/skimage_coffee.png'));
    const response = await postJob(transformJob(photo, { effect: 'blur', regions: 'boxes' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /at least one box/,
    );
  });
});

describe('embed (on the generated CLIP stand-in: shapes only, no meaning)', () => {
  const embedJob = (bytes: Buffer, texts?: string[]) => ({
    jobId: randomUUID(),
    job: {
      type: 'embed',
      image: { kind: 'bytes', mime: 'image/png', data: bytes.toString('base64') },
      ...(texts ? { texts } : {}),
    },
  });
  const embeddingOf = (callback: ResultCallback) => {
    if (callback.status !== 'done' || callback.result.type !== 'embed')
      throw new Error(JSON.stringify(callback));
    return callback.result;
  };
  const search = (body: unknown, authorization = `Bearer ${secret}`) =>
    fetch(`${node.url}/embeddings/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
  const read = (name: string) => fs.readFileSync(path.join(dataDir, 'images', name));

  it('gives a unit-length 512-d embedding keyed by the sha256 of the bytes, and text similarities', async () => {
    const bytes = read('skimage_chelsea.png');
    const result = embeddingOf(await run(embedJob(bytes, ['a cat', 'a rocket launch'])));
    expect(result).toMatchObject({ type: 'embed', model: 'clip-stand-in', standIn: true });
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.embedding).toHaveLength(512);
    expect(Math.hypot(...result.embedding)).toBeCloseTo(1, 3);
    expect(result.texts.map((t) => t.text)).toEqual(['a cat', 'a rocket launch']);
    for (const { similarity } of result.texts) expect(Math.abs(similarity)).toBeLessThanOrEqual(1);
    // Asked again (a new job id), the same image gives the same numbers.
    expect(embeddingOf(await run(embedJob(bytes, ['a cat', 'a rocket launch'])))).toEqual(result);
  });

  it('finds a re-encoded copy of an image, and not other images, among everything embedded', async () => {
    const original = read('skimage_rocket.jpg');
    const copy = await sharp(original).resize({ width: 400 }).jpeg({ quality: 60 }).toBuffer();
    const others = [
      'skimage_coffee.png',
      'skimage_astronaut.png',
      'wikimedia_penguin.jpg',
      'skimage_camera.png',
    ];
    const [first, second, ...rest] = (
      await Promise.all([original, copy, ...others.map(read)].map((bytes) => run(embedJob(bytes))))
    ).map(embeddingOf);
    const within = [first!, second!, ...rest].map((r) => r.sha256);
    const response = await search({ sha256: first!.sha256, within, limit: 10, minSimilarity: 0.9 });
    expect(response.status).toBe(200);
    const { matches, standIn } = (await response.json()) as {
      matches: Array<{ sha256: string; similarity: number }>;
      standIn: boolean;
    };
    expect(standIn).toBe(true);
    expect(matches.map((m) => m.sha256).slice(0, 2)).toEqual([first!.sha256, second!.sha256]);
    expect(matches[0]!.similarity).toBeCloseTo(1, 4);
    expect(matches[1]!.similarity).toBeGreaterThan(0.9);
    for (const other of rest) expect(matches.map((m) => m.sha256)).not.toContain(other.sha256);
    // The same search by the vector itself.
    const byVector = (await (
      await search({ embedding: first!.embedding, within, limit: 2, minSimilarity: 0.9 })
    ).json()) as {
      matches: Array<{ sha256: string }>;
    };
    expect(byVector.matches.map((m) => m.sha256)).toEqual([first!.sha256, second!.sha256]);
  });

  it("searches only among the images it is given (one user's), never every image embedded", async () => {
    const original = read('skimage_rocket.jpg');
    const copy = await sharp(original).resize({ width: 380 }).jpeg({ quality: 70 }).toBuffer();
    const [mine, theirs] = (await Promise.all([original, copy].map((bytes) => run(embedJob(bytes))))).map(
      embeddingOf,
    );
    // The copy is another user's: searching my images for mine finds mine only.
    const scoped = (await (
      await search({ sha256: mine!.sha256, within: [mine!.sha256], minSimilarity: 0.5 })
    ).json()) as { matches: Array<{ sha256: string }> };
    expect(scoped.matches.map((m) => m.sha256)).toEqual([mine!.sha256]);
    // Asking by another user's image, or searching with no scope, is refused.
    expect((await search({ sha256: theirs!.sha256, within: [mine!.sha256] })).status).toBe(404);
    const unscoped = await search({ embedding: mine!.embedding });
    expect(unscoped.status).toBe(400);
    expect(((await unscoped.json()) as { error: { message: string } }).error.message).toMatch(/within/);
  });

  it('runs embed jobs that arrive together as batches', async () => {
    const batches = async () => {
      const text = await (await fetch(`${node.url}/metrics`)).text();
      const value = (name: string) =>
        Number(
          text
            .split('\n')
            .find((l) => l.startsWith(`${name}{model="clip-stand-in-vision"}`))
            ?.split(' ')
            .pop() ?? 0,
        );
      return { count: value('veneer_batch_size_count'), items: value('veneer_batch_size_sum') };
    };
    const before = await batches();
    const images = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sharp(read('skimage_coffee.png'))
          .rotate(i * 10 + 5)
          .png()
          .toBuffer(),
      ),
    );
    await Promise.all(images.map((bytes) => run(embedJob(bytes))));
    const after = await batches();
    expect(after.items - before.items).toBe(8);
    expect(after.count - before.count).toBeLessThan(8);
  });

  it('refuses bad searches clearly', async () => {
    expect((await search({ sha256: 'a'.repeat(64), within: [] }, 'Bearer wrong')).status).toBe(401);
    const both = await search({ sha256: 'a'.repeat(64), embedding: Array(512).fill(0), within: [] });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { message: string } }).error.message).toMatch(
      /either sha256 or embedding/,
    );
    const unknown = await search({ sha256: 'b'.repeat(64), within: ['b'.repeat(64)] });
    expect(unknown.status).toBe(404);
    expect((await search({ embedding: [1, 2, 3], within: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 5001 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect((await search({ embedding: Array(512).fill(0.04), within: tooMany })).status).toBe(400);
  });
});

describe('queue dashboard', () => {
  const basic = (password: string) => `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`;

  it('is closed without the operator secret', async () => {
    const response = await fetch(`${node.url}/admin/queues`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(
      (await fetch(`${node.url}/admin/queues`, { headers: { authorization: basic('nope') } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${node.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${secret}` } }))
        .status,
    ).toBe(401);
  });

  it('shows every job queue to an operator', async () => {
    const page = await fetch(`${node.url}/admin/queues`, {
      headers: { authorization: basic(OPERATOR_SECRET_FOR_TESTS) },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${node.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${OPERATOR_SECRET_FOR_TESTS}` },
    });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: Array<{ name: string }> };
    expect(queues.map((q) => q.name).sort()).toEqual([
      'jobs-embed',
      'jobs-emotion',
      'jobs-faces',
      'jobs-nsfw',
      'jobs-objects',
      'jobs-ocr',
      'jobs-thumb',
      'jobs-transform',
    ]);
  });
});

describe('nsfw (nsfwjs MobileNetV2, imported from TF.js at setup)', () => {
  const nsfwJob = (file: string) => ({
    jobId: randomUUID(),
    job: {
      type: 'nsfw',
      image: {
        kind: 'bytes',
        mime: file.endsWith('.png') ? 'image/png' : 'image/jpeg',
        data: fs.readFileSync(path.join(dataDir, file)).toString('base64'),
      },
    },
  });

  it('rates photos as safe, with five probabilities that sum to 1', async () => {
    for (const file of ['images/skimage_coffee.png', 'images/wikimedia_hedgehog.jpg', 'faces/1.jpg']) {
      const callback = await run(nsfwJob(file));
      if (callback.status !== 'done' || callback.result.type !== 'nsfw')
        throw new Error(JSON.stringify(callback));
      const { result } = callback;
      expect(result.model).toBe('nsfw-mobilenet-v2');
      expect(result.top, file).toBe('neutral');
      const sum = Object.values(result.scores).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 4);
      expect(result.scores.porn + result.scores.hentai + result.scores.sexy, file).toBeLessThan(0.5);
    }
  });

  it('lists the imported model with the node', async () => {
    const health = (await (await fetch(`${node.url}/ready`)).json()) as { models: string[] };
    expect(health.models).toContain('nsfw-mobilenet-v2');
  });
});

describe("emotion (YuNet faces, each read by Human's expression model, imported from TF.js)", () => {
  const emotionJob = (file: string) => ({
    jobId: randomUUID(),
    job: {
      type: 'emotion',
      image: {
        kind: 'bytes',
        mime: file.endsWith('.png') ? 'image/png' : 'image/jpeg',
        data: fs.readFileSync(path.join(dataDir, file)).toString('base64'),
      },
    },
  });
  const resultOf = (callback: ResultCallback) => {
    if (callback.status !== 'done' || callback.result.type !== 'emotion')
      throw new Error(JSON.stringify(callback));
    return callback.result;
  };

  it('gives every face found an expression, with seven probabilities that sum to 1', async () => {
    const result = resultOf(await run(emotionJob('faces/2.jpg')));
    expect(result.model).toBe('yunet-n-320+emotion-human');
    expect(result.faces.length).toBeGreaterThan(0);
    for (const face of result.faces) {
      expect(Object.keys(face.scores)).toHaveLength(7);
      expect(Object.values(face.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(face.scores[face.emotion]).toBe(Math.max(...Object.values(face.scores)));
      expect(face.box.width).toBeGreaterThan(0);
    }
  });

  it('answers no faces for a photo without any', async () => {
    expect(resultOf(await run(emotionJob('images/skimage_coffee.png'))).faces).toEqual([]);
  });
});

describe("objects (Human's CenterNet, COCO-80, imported from TF.js)", () => {
  const objectsJob = (file: string) => ({
    jobId: randomUUID(),
    job: {
      type: 'objects',
      image: {
        kind: 'bytes',
        mime: file.endsWith('.png') ? 'image/png' : 'image/jpeg',
        data: fs.readFileSync(path.join(dataDir, file)).toString('base64'),
      },
    },
  });
  const objectsOf = async (file: string) => {
    const callback = await run(objectsJob(file));
    if (callback.status !== 'done' || callback.result.type !== 'objects')
      throw new Error(JSON.stringify(callback));
    return callback.result.objects;
  };

  it('finds the cup in the coffee photo and the person in the astronaut photo, best first, boxes inside the image', async () => {
    const coffee = await objectsOf('images/skimage_coffee.png');
    expect(coffee[0]?.label, JSON.stringify(coffee)).toBe('cup');
    const astronaut = await objectsOf('images/skimage_astronaut.png');
    expect(astronaut[0]?.label, JSON.stringify(astronaut)).toBe('person');
    for (const object of [...coffee, ...astronaut]) {
      expect(object.score).toBeGreaterThanOrEqual(0.2);
      expect(object.box.x + object.box.width).toBeLessThanOrEqual(1.0001);
    }
  });

  it('keeps one box per object: no two boxes of a label overlap much', async () => {
    const objects = await objectsOf('images/skimage_chelsea.png');
    for (const a of objects)
      for (const b of objects) {
        if (a === b || a.label !== b.label) continue;
        const x = Math.max(
          0,
          Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x),
        );
        const y = Math.max(
          0,
          Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y),
        );
        const union = a.box.width * a.box.height + b.box.width * b.box.height - x * y;
        expect((x * y) / union).toBeLessThanOrEqual(0.4);
      }
    expect(objects.map((o) => o.label)).toContain('cat');
  });
});

describe('thumb (the thumbnail lab deep score)', () => {
  const thumbJob = (bytes: Buffer, title: string) => ({
    jobId: randomUUID(),
    job: {
      type: 'thumb',
      title,
      image: { kind: 'bytes', mime: 'image/png', data: bytes.toString('base64') },
    },
  });
  const resultOf = (callback: ResultCallback) => {
    if (callback.status !== 'done' || callback.result.type !== 'thumb')
      throw new Error(JSON.stringify(callback));
    return callback.result;
  };

  it('reads the thumbnail text and says whether it repeats the title or adds to it', async () => {
    const image = await textImage([{ text: 'ROCKET LAUNCH', y: 60, size: 40 }], 'images/skimage_rocket.jpg');
    const repeats = resultOf(await run(thumbJob(image, 'Watch the rocket launch live')));
    expect(repeats.text).toMatchObject({ relation: 'repeats', overlap: 1 });
    expect(repeats.text.content.replace(/\s/g, '')).toContain('ROCKETLAUNCH');
    const adds = resultOf(await run(thumbJob(image, 'A morning at the space centre')));
    expect(adds.text.relation).toBe('adds');
    // The stand-in CLIP must not pretend to know how well the image matches the title.
    expect(adds.titleMatch).toEqual({ available: false, reason: expect.stringMatching(/stand-in/) });
    expect(adds.model).toBe('pp-ocrv4+yunet-n-320+emotion-human+clip-stand-in');
  });

  it('finds the faces of a portrait at full resolution with their expressions, and where the eye goes', async () => {
    const portrait = await sharp(path.join(dataDir, 'faces/1.jpg')).png().toBuffer();
    const result = resultOf(await run(thumbJob(portrait, 'My story')));
    expect(result.faces.length).toBeGreaterThan(0);
    expect(result.faces[0]!.emotion).toBeTypeOf('string');
    expect(result.saliency.values).toHaveLength(16 * 9);
    expect(Math.max(...result.saliency.values)).toBe(1);
  });

  it('refuses a thumb job without a title', async () => {
    const coffee = fs.readFileSync(path.join(dataDir, 'images/skimage_coffee.png'));
    const response = await postJob(thumbJob(coffee, '  '));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/title is empty/);
  });
});

describe('POST /score (the thumbnail lab for tools outside the extension)', () => {
  const score = (body: unknown) =>
    fetch(`${node.url}/score`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });

  it('fetches each thumbnail, scores it against the title with its parts and advice, and names the winner', async () => {
    const response = await score({
      title: 'My trip to space',
      thumbnails: [
        { id: 'portrait', url: `${images.origin}/faces/2.jpg` },
        { id: 'camera', url: `${images.origin}/images/skimage_camera.png` },
      ],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const answer = (await response.json()) as {
      winner_id: string;
      scores: Array<{
        id: string;
        score: number;
        parts: Array<{ name: string; detail: string }>;
        advice: string[];
      }>;
    };
    expect(answer.scores.map((s) => s.id)).toEqual(['portrait', 'camera']);
    const [portrait, camera] = answer.scores;
    // The portrait has faces; the grey camera man is colourless.
    expect(portrait!.parts.find((p) => p.name === 'faces')?.detail).toMatch(/^\d+ faces?, the largest/);
    expect(camera!.advice).toContain('dull colours');
    expect(answer.winner_id).toBe(portrait!.score >= camera!.score ? 'portrait' : 'camera');
    expect(portrait!.parts.find((p) => p.name === 'title')?.detail).toMatch(/clickbait model: \d+%/);
    expect(portrait!.parts.map((p) => p.name)).toContain('focus');
    for (const s of answer.scores) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
  });

  it('names the thumbnail it could not read, and refuses private addresses', async () => {
    const missing = await score({
      title: 'x',
      thumbnails: [{ id: 'gone', url: `${images.origin}/images/nope.png` }],
    });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    const messageOf = async (response: Response) =>
      ((await response.json()) as { error: { message: string } }).error.message;
    expect(await messageOf(missing)).toBe('thumbnail "gone": the image host answered 404');
    const internal = await score({
      title: 'x',
      thumbnails: [{ id: 'meta', url: 'http://169.254.169.254/latest' }],
    });
    expect(internal.status).toBeGreaterThanOrEqual(400);
    expect(internal.status).toBeLessThan(500);
    expect(await messageOf(internal)).toMatch(/^thumbnail "meta": /);
  });
});
