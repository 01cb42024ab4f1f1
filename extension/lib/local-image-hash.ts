import { dHash } from '@veneer/shared/images';
import type { ImageRef } from '@veneer/shared/protocol';
import { ImageRefused, imageBlob } from './image-blob.ts';

/** The image is drawn at 8 pixels per hash cell, then averaged per cell (see shared/src/images). */
const WIDTH = 72;
const HEIGHT = 64;

/** The perceptual hash of one image, on this device (offscreen document or Firefox's background page). */
export async function hashImageLocally(image: ImageRef): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(await imageBlob(image), { imageOrientation: 'from-image' });
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new Error(`the image could not be read: ${(error as Error).message}`);
  }
  const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas here');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, WIDTH, HEIGHT);
  bitmap.close();
  return dHash(context.getImageData(0, 0, WIDTH, HEIGHT).data, WIDTH, HEIGHT);
}

/** Hashes of several images; null where one could not be read. */
export function hashImagesLocally(images: ImageRef[]): Promise<Array<string | null>> {
  return Promise.all(images.map((image) => hashImageLocally(image).catch(() => null)));
}
