import type { ImageRef } from '@veneer/shared/protocol';
import { imageBlob } from './image-blob.ts';

/**
 * Draws the image stretched to `width` x `height` and returns its interleaved RGB bytes. With
 * `canvasWidth` x `canvasHeight` larger, the image sits top left on black (a letterbox).
 */
export function drawRgb(
  image: CanvasImageSource,
  width: number,
  height: number,
  canvasWidth = width,
  canvasHeight = height,
): Uint8Array {
  const context = new OffscreenCanvas(canvasWidth, canvasHeight).getContext('2d', {
    willReadFrequently: true,
  });
  if (!context) throw new Error('no 2D canvas here');
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, canvasWidth, canvasHeight).data;
  const rgb = new Uint8Array(canvasWidth * canvasHeight * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  return rgb;
}

/**
 * Decodes an image (EXIF orientation applied) to RGB with its longer side reduced to at most
 * `longestSide`, never enlarged: the step before models that resize again in their own way
 * (nsfwjs, Human), as the inference node's decodeWithin() does with libvips.
 */
export async function decodeWithin(
  image: ImageRef,
  longestSide: number,
): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const bitmap = await createImageBitmap(await imageBlob(image), { imageOrientation: 'from-image' });
  const scale = Math.min(1, longestSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  try {
    return { rgb: drawRgb(bitmap, width, height), width, height };
  } finally {
    bitmap.close();
  }
}
