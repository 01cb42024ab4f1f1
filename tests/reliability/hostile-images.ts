import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Row } from '../bench/bench-report.ts';
import { startCallbackReceiver } from '../integration/callback-receiver.ts';
import { dataDir, startInferenceNode, startRedis } from '../stack/index.ts';

/**
 * `hostile images`: files made to hurt decoders, sent to the inference node as uploaded bytes
 * (the edge passes them on as they are): headers that claim billions of pixels in a few bytes, a
 * real flood of pixels just under the limit, truncated and malformed JPEG, PNG and WebP, a GIF of
 * 10,000 frames. Each must be refused at once (4xx) or fail as a job with its reason, the node must
 * stay up, its memory bounded (`peak_mb`: the most the node's process ever held, from the kernel's
 * VmHWM), and an ordinary job must still run after.
 */

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A PNG whose header says width x height, with a little compressed data. */
function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real JPEG with its frame header (SOF0) rewritten to claim width x height. */
function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && (copy[i + 1] === 0xc0 || copy[i + 1] === 0xc2)) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      return copy;
    }
  }
  throw new Error('no frame header in the JPEG');
}

/** A GIF of `frames` 1x1 frames (each a tiny image block). */
function gifOfFrames(frames: number): Buffer {
  const header = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff', 'latin1');
  const loop = Buffer.from('\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00', 'latin1');
  const frame = Buffer.from(
    '\x21\xf9\x04\x00\x01\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00',
    'latin1',
  );
  return Buffer.concat([header, loop, ...Array.from({ length: frames }, () => frame), Buffer.from(';')]);
}

/** A WebP (VP8L) whose header claims 16384 x 16384, then noise. */
function webpClaimingHuge(): Buffer {
  const bits = (16383 & 0x3fff) | ((16383 & 0x3fff) << 14);
  const vp8l = Buffer.concat([
    Buffer.from([0x2f]),
    Buffer.from(Uint32Array.of(bits).buffer),
    randomBytes(64),
  ]);
  const chunkHeader = Buffer.concat([Buffer.from('VP8L'), Buffer.from(Uint32Array.of(vp8l.length).buffer)]);
  const body = Buffer.concat([Buffer.from('WEBP'), chunkHeader, vp8l]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.from(Uint32Array.of(body.length).buffer), body]);
}

export async function hostileFiles(): Promise<Array<{ name: string; bytes: Buffer; mime: string }>> {
  const jpeg = fs.readFileSync(path.join(dataDir, 'faces/2.jpg'));
  const png = await sharp(jpeg).png().toBuffer();
  const webp = await sharp(jpeg).webp().toBuffer();
  // 36 megapixels of one colour: a few hundred kilobytes, just under the node's 40 MP limit.
  const flood = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#808080' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return [
    { name: 'PNG claiming 100,000 x 100,000', bytes: pngClaiming(100_000, 100_000), mime: 'image/png' },
    { name: 'PNG claiming 2^31-1 x 1', bytes: pngClaiming(2 ** 31 - 1, 1), mime: 'image/png' },
    { name: 'JPEG claiming 65,500 x 65,500', bytes: jpegClaiming(jpeg, 65_500, 65_500), mime: 'image/jpeg' },
    { name: 'WebP claiming 16,384 x 16,384', bytes: webpClaimingHuge(), mime: 'image/webp' },
    { name: 'pixel flood: 36 MP PNG of one colour', bytes: flood, mime: 'image/png' },
    { name: 'JPEG cut in half', bytes: jpeg.subarray(0, jpeg.length >> 1), mime: 'image/jpeg' },
    { name: 'PNG cut in half', bytes: png.subarray(0, png.length >> 1), mime: 'image/png' },
    { name: 'WebP cut in half', bytes: webp.subarray(0, webp.length >> 1), mime: 'image/webp' },
    {
      name: 'PNG signature, then noise',
      bytes: Buffer.concat([png.subarray(0, 8), randomBytes(4096)]),
      mime: 'image/png',
    },
    {
      name: 'JPEG markers, then noise',
      bytes: Buffer.concat([jpeg.subarray(0, 2), randomBytes(4096)]),
      mime: 'image/jpeg',
    },
    { name: 'GIF of 10,000 frames', bytes: gifOfFrames(10_000), mime: 'image/gif' },
    { name: 'empty file', bytes: Buffer.alloc(0), mime: 'image/png' },
  ];
}

/** The most memory the process has held (kernel's VmHWM), in MB. */
function peakMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function hostileImages(): Promise<Row[]> {
  const secret = randomBytes(24).toString('hex');
  const receiver = await startCallbackReceiver(secret);
  const redis = await startRedis();
  const node = await startInferenceNode({ redisUrl: redis.url, edgeUrl: receiver.url, secret });
  try {
    const rows: Row[] = [];
    const files = await hostileFiles();
    const before = peakMb(node.pid);
    for (const file of files) {
      const jobId = randomUUID();
      const started = performance.now();
      const response = await fetch(`${node.url}/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          jobId,
          job: {
            type: 'faces',
            image: { kind: 'bytes', mime: file.mime, data: file.bytes.toString('base64') },
          },
        }),
      });
      const answer = (await response.json().catch(() => null)) as { error?: { code: string } } | null;
      let outcome = `${response.status} ${answer?.error?.code ?? ''}`.trim();
      if (response.status === 202) {
        const at = await Promise.race([
          receiver.outcomeArrival(jobId),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000)),
        ]);
        const final = receiver.received.find((c) => c.jobId === jobId && c.status !== 'running');
        outcome =
          at === null
            ? 'no outcome in 60 s'
            : final?.status === 'failed'
              ? `job failed: ${final.error.code}`
              : `job done`;
      }
      rows.push({
        case: `hostile image: ${file.name}`,
        bytes: file.bytes.length,
        outcome,
        // A 5xx, a job with no outcome, or the node gone: what must never happen.
        bad: response.status >= 500 || outcome.startsWith('no outcome') ? 1 : 0,
        crashes: (await fetch(`${node.url}/health`).then(
          (r) => r.ok,
          () => false,
        ))
          ? 0
          : 1,
        ms: Math.round(performance.now() - started),
        peak_mb: peakMb(node.pid),
      });
    }
    // An ordinary image still works after.
    const jobId = randomUUID();
    const jpeg = fs.readFileSync(path.join(dataDir, 'faces/2.jpg'));
    await fetch(`${node.url}/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        jobId,
        job: { type: 'faces', image: { kind: 'bytes', mime: 'image/jpeg', data: jpeg.toString('base64') } },
      }),
    });
    await Promise.race([
      receiver.outcomeArrival(jobId),
      new Promise((resolve) => setTimeout(resolve, 60_000)),
    ]);
    const final = receiver.received.find((c) => c.jobId === jobId && c.status !== 'running');
    rows.push({
      case: 'hostile images: an ordinary image after',
      outcome: final?.status ?? 'no outcome',
      bad: final?.status === 'done' ? 0 : 1,
      peak_mb_before: before,
      peak_mb: peakMb(node.pid),
    });
    return rows;
  } finally {
    await node.kill();
    await Promise.all([redis.stop(), receiver.stop()]);
  }
}
