import { bytesToBase64 } from '@veneer/shared/base64';
import type { ImageRef } from '@veneer/shared/protocol';
import { MAX_IMAGE_BYTES } from '@veneer/shared/protocol/limits';

/** Waits until an image has a source to read (lazy-loaded images get theirs late). */
export async function imageSource(image: HTMLImageElement, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!(image.currentSrc || image.getAttribute('src'))) {
    if (Date.now() > deadline) throw new Error('the image never got a source');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return image.currentSrc || image.src;
}

/**
 * How the inference node gets an image: public http(s) images by address (the node fetches them
 * itself); `data:` and `blob:` images, which only this page can read, as uploaded bytes.
 */
export async function imageRefFor(image: HTMLImageElement, timeoutMs?: number): Promise<ImageRef> {
  return imageRefForSource(await imageSource(image, timeoutMs));
}

/** The same for an image address (a context-menu click gives the address, not the element). */
export async function imageRefForSource(src: string): Promise<ImageRef> {
  if (/^https?:/i.test(src)) return { kind: 'url', url: src };
  if (!/^(data|blob):/i.test(src))
    throw new Error(`images from ${src.split(':')[0]}: addresses cannot be checked`);
  const blob = await (await fetch(src)).blob();
  if (blob.size > MAX_IMAGE_BYTES)
    throw new Error(`the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  const mime = blob.type.startsWith('image/') ? blob.type : 'image/png';
  return { kind: 'bytes', mime, data: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) };
}
