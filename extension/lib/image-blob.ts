import { base64ToBytes } from '@veneer/shared/base64';
import { readCappedBytes } from '@veneer/shared/http/read-capped';
import type { ImageRef } from '@veneer/shared/protocol';
import { imageSize } from 'image-size';

/** The most bytes of one image the on-device models read (as the inference node: 10 MiB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** The most pixels an image may claim before it is decoded (as the inference node: 40 MP). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** How long fetching one image may take. */
export const IMAGE_FETCH_TIMEOUT_MS = 15_000;

/** An image refused before decoding, with the reason (shown as it is). */
export class ImageRefused extends Error {
  override name = 'ImageRefused';
}

/**
 * The bytes of an image for the on-device models, checked before any decoder sees them: uploaded
 * bytes, a file the person chose, or an address fetched without cookies (the extension's host
 * permissions cover the sites' image hosts) within a time and byte limit. The header must name a
 * known format and at most MAX_IMAGE_PIXELS, so a file that claims 100,000 x 100,000 pixels in a
 * few bytes is refused before the browser tries to allocate them.
 */
export async function imageBlob(image: ImageRef | Blob): Promise<Blob> {
  let bytes: Uint8Array;
  let type: string;
  if (image instanceof Blob) {
    if (image.size > MAX_IMAGE_BYTES) throw tooLarge(image.size);
    bytes = new Uint8Array(await image.arrayBuffer());
    type = image.type;
  } else if (image.kind === 'bytes') {
    bytes = base64ToBytes(image.data);
    if (bytes.length > MAX_IMAGE_BYTES) throw tooLarge(bytes.length);
    type = image.mime;
  } else {
    ({ bytes, type } = await fetchWithin(image.url));
  }
  checkImageHeader(bytes);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

/** The image's size from its header; refuses an empty file, an unknown format, or too many pixels. */
export function checkImageHeader(bytes: Uint8Array): { width: number; height: number; type: string } {
  if (bytes.length === 0) throw new ImageRefused('the image is empty');
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    throw new ImageRefused('the file is not an image this browser can read');
  }
  const width = size.width ?? 0;
  const height = size.height ?? 0;
  if (width <= 0 || height <= 0) throw new ImageRefused('the image says it has no pixels');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageRefused(
      `the image is ${width}x${height} (${width * height} pixels); the limit is ${MAX_IMAGE_PIXELS}`,
    );
  }
  return { width, height, type: size.type ?? 'unknown' };
}

/** An image over the byte limit: its size when known (said, or a file's), else only that it is over. */
function tooLarge(bytes?: number): ImageRefused {
  return new ImageRefused(
    bytes === undefined
      ? `the image is over the limit of ${MAX_IMAGE_BYTES} bytes`
      : `the image is ${bytes} bytes; the limit is ${MAX_IMAGE_BYTES}`,
  );
}

/** Fetches an image, refusing it once it is over MAX_IMAGE_BYTES (said or counted) or too slow. */
async function fetchWithin(url: string): Promise<{ bytes: Uint8Array; type: string }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(IMAGE_FETCH_TIMEOUT_MS) });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      throw new ImageRefused(`the image took over ${IMAGE_FETCH_TIMEOUT_MS / 1000} s to load`);
    throw error;
  }
  if (!response.ok) throw new Error(`the image host answered ${response.status}`);
  const said = Number(response.headers.get('content-length') ?? 0);
  if (said > MAX_IMAGE_BYTES) {
    await response.body?.cancel();
    throw tooLarge(said);
  }
  const type = response.headers.get('content-type') ?? '';
  let bytes: Uint8Array | null;
  try {
    bytes = await readCappedBytes(response.body, MAX_IMAGE_BYTES);
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      throw new ImageRefused(`the image took over ${IMAGE_FETCH_TIMEOUT_MS / 1000} s to load`);
    throw error;
  }
  if (bytes === null) throw tooLarge();
  return { bytes, type };
}
