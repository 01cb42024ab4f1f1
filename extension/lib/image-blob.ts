import type { ImageRef } from '@veneer/shared/protocol';

/**
 * The bytes of an image for the on-device models: uploaded bytes as they are, an address fetched
 * without cookies (the extension's host permissions cover the sites' image hosts).
 */
export async function imageBlob(image: ImageRef): Promise<Blob> {
  if (image.kind === 'bytes') {
    return new Blob([Uint8Array.from(atob(image.data), (c) => c.charCodeAt(0))], { type: image.mime });
  }
  const response = await fetch(image.url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`the image host answered ${response.status}`);
  return response.blob();
}
