import { base64ToBytes } from '@veneer/shared/base64';
import type { JobRequest } from '@veneer/shared/protocol';

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function sha256(data: BufferSource | string): Promise<string> {
  return hex(
    await crypto.subtle.digest('SHA-256', typeof data === 'string' ? new TextEncoder().encode(data) : data),
  );
}

/** The same image address written differently (case, default port, fragment, query order) is one address. */
export function normalizeImageUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  url.searchParams.sort();
  return url.toString();
}

/**
 * A job's id is a hash of its type, its parameters and its content (the image bytes' sha256,
 * or the normalized URL until the bytes are known), so asking for the same job twice, by one
 * user or many, names the same job.
 */
export async function jobIdFor(job: JobRequest): Promise<string> {
  // How urgent a job is does not change what it computes, so it is not part of its identity.
  const { image, priority: _priority, ...params } = job;
  const content =
    image.kind === 'url'
      ? `url:${normalizeImageUrl(image.url)}`
      : `sha256:${await sha256(base64ToBytes(image.data))}`;
  return `j1_${await sha256(JSON.stringify({ params, content }))}`;
}
