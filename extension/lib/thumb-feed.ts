import { type ColourSignature, colourSignature } from '@veneer/shared/thumbs';
import { imageBlob } from './image-blob.ts';
import { drawRgb } from './image-pixels.ts';

/**
 * Colour signatures of the thumbnails of the creator's own youtube.com home feed (their
 * i.ytimg.com addresses, as the YouTube content script last saw them), each read once and kept.
 * A thumbnail that cannot be read is left out.
 */
const signatures = new Map<string, Promise<ColourSignature | null>>();

function signatureOf(url: string): Promise<ColourSignature | null> {
  let signature = signatures.get(url);
  if (!signature) {
    signature = (async () => {
      try {
        const bitmap = await createImageBitmap(await imageBlob({ kind: 'url', url }));
        try {
          return colourSignature(drawRgb(bitmap, 160, 90), 160, 90);
        } finally {
          bitmap.close();
        }
      } catch {
        return null;
      }
    })();
    signatures.set(url, signature);
  }
  return signature;
}

export async function feedSignatures(urls: readonly string[]): Promise<ColourSignature[]> {
  const all = await Promise.all(urls.map(signatureOf));
  return all.filter((signature): signature is ColourSignature => signature !== null);
}
