/**
 * HMAC-SHA256 helpers on Web Crypto, so one implementation runs in workerd, Node and browsers.
 * Used for user tokens (edge) and for inference-node -> edge result callbacks.
 */
const encoder = new TextEncoder();

async function hmacKey(secret: string) {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

export async function hmacSha256(secret: string, message: string): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(message));
  return new Uint8Array(signature);
}

/** Constant-time check of a signature (crypto.subtle.verify compares in constant time). */
export async function hmacVerify(secret: string, message: string, signature: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    signature as Uint8Array<ArrayBuffer>,
    encoder.encode(message),
  );
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Header carrying a callback's signature: `t=<unix seconds>,n=<nonce>,v1=<base64url HMAC of
 * "t.n.body">`. The receiver refuses a stale timestamp, and a nonce it has already seen.
 */
export const SIGNATURE_HEADER = 'veneer-signature';
/** How far a signed callback's timestamp may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_S = 300;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function signBody(
  secret: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  nonce = newNonce(),
): Promise<string> {
  const signature = await hmacSha256(secret, `${nowSeconds}.${nonce}.${body}`);
  return `t=${nowSeconds},n=${nonce},v1=${toBase64Url(signature)}`;
}

export type SignatureCheck = { ok: true; nonce: string; timestamp: number } | { ok: false; reason: string };

export async function verifyBodySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<SignatureCheck> {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(parts.t);
  const nonce = parts.n ?? '';
  const signature = parts.v1 ? fromBase64Url(parts.v1) : null;
  if (!Number.isInteger(timestamp) || !signature || !NONCE_PATTERN.test(nonce)) {
    return { ok: false, reason: `malformed ${SIGNATURE_HEADER} header` };
  }
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_S) {
    return { ok: false, reason: 'signature timestamp outside the allowed window' };
  }
  if (!(await hmacVerify(secret, `${timestamp}.${nonce}.${body}`, signature))) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true, nonce, timestamp };
}
