import { base64ToBytes } from '@veneer/shared/base64';
import type { ImageRef } from '@veneer/shared/protocol';

/**
 * The bytes of an image for the on-device models: uploaded bytes as they are, an address fetched
 * without cookies (the extension's host permissions cover the sites' image hosts).
 */
export async function imageBlob(image: ImageRef): Promise<Blob> {
  if (image.kind === 'bytes') {
    return new Blob([base64ToBytes(image.data)], { type: image.mime });
  }
  const response = await fetch(image.url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`the image host answered ${response.status}`);
  return response.blob();
}
