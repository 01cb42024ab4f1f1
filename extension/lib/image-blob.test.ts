import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkImageHeader, ImageRefused, imageBlob, MAX_IMAGE_BYTES } from './image-blob.ts';

const dataDir = path.resolve(__dirname, '../../../shared/data');
const real = (name: string) => new Uint8Array(fs.readFileSync(path.join(dataDir, name)));

/** A PNG signature and IHDR claiming width x height (image-size reads no further). */
function pngClaiming(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24);
  return bytes;
}
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

afterEach(() => vi.unstubAllGlobals());

describe('checkImageHeader: hostile images are refused before any decoder sees them', () => {
  it('reads the size of real images', () => {
    expect(checkImageHeader(real('images/skimage_coffee.png'))).toMatchObject({ width: 600, height: 400 });
    expect(checkImageHeader(real('faces/2.jpg')).type).toBe('jpg');
  });

  it('refuses a header claiming more pixels than the limit, an empty file and noise, each with its reason', () => {
    expect(() => checkImageHeader(pngClaiming(100_000, 100_000))).toThrow(
      /the image is 100000x100000 \(10000000000 pixels\); the limit is 40000000/,
    );
    expect(() => checkImageHeader(pngClaiming(2 ** 31 - 1, 1))).toThrow(ImageRefused);
    expect(() => checkImageHeader(new Uint8Array())).toThrow('the image is empty');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    expect(() => checkImageHeader(noise)).toThrow('the file is not an image this browser can read');
  });
});

describe('imageBlob', () => {
  it('passes uploaded bytes and chosen files that are fine, and refuses those over the byte limit', async () => {
    const png = real('images/skimage_coffee.png');
    expect((await imageBlob({ kind: 'bytes', mime: 'image/png', data: base64(png) })).size).toBe(png.length);
    expect((await imageBlob(new Blob([png], { type: 'image/png' }))).type).toBe('image/png');
    await expect(imageBlob(new Blob([new Uint8Array(MAX_IMAGE_BYTES + 1)]))).rejects.toThrow(
      `the image is ${MAX_IMAGE_BYTES + 1} bytes; the limit is ${MAX_IMAGE_BYTES}`,
    );
  });

  it('stops fetching an image once it is over the byte limit, whether the host said its length or not', async () => {
    let pulled = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1024 * 1024;
          controller.enqueue(new Uint8Array(1024 * 1024));
        },
      });
    // A fake image host: a stream that never ends, then one whose length is said to be too much.
    vi.stubGlobal('fetch', async () => new Response(endless(), { headers: { 'content-type': 'image/png' } }));
    await expect(imageBlob({ kind: 'url', url: 'https://i.redd.it/endless.png' })).rejects.toThrow(
      'the image is over the limit of 10485760 bytes',
    );
    expect(pulled).toBeLessThan(MAX_IMAGE_BYTES + 4 * 1024 * 1024);
    vi.stubGlobal(
      'fetch',
      async () => new Response(endless(), { headers: { 'content-length': String(50 * 1024 * 1024) } }),
    );
    await expect(imageBlob({ kind: 'url', url: 'https://i.redd.it/big.png' })).rejects.toThrow(
      `the image is ${50 * 1024 * 1024} bytes`,
    );
  });

  it('refuses a fetched file whose header claims a pixel flood', async () => {
    vi.stubGlobal('fetch', async () => new Response(pngClaiming(65_500, 65_500) as Uint8Array<ArrayBuffer>));
    await expect(imageBlob({ kind: 'url', url: 'https://i.redd.it/bomb.png' })).rejects.toThrow(ImageRefused);
  });
});
