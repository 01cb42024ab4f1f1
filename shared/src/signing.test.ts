import { describe, expect, it } from 'vitest';
import { fromBase64Url, signBody, toBase64Url, verifyBodySignature } from './signing.ts';

describe('base64url', () => {
  it('round-trips bytes', () => {
    const bytes = new Uint8Array([0, 250, 251, 252, 253, 254, 255, 62, 63]);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
  it('rejects characters outside the alphabet', () => {
    expect(fromBase64Url('abc+/')).toBeNull();
  });
});

describe('body signatures', () => {
  const now = 1_800_000_000;

  it('accepts its own signature', async () => {
    const header = await signBody('secret', '{"a":1}', now, 'nonce-0123456789abcdef');
    expect(await verifyBodySignature('secret', '{"a":1}', header, now + 10)).toEqual({
      ok: true,
      nonce: 'nonce-0123456789abcdef',
      timestamp: now,
    });
  });

  it('gives every signature its own nonce, and the nonce is signed too', async () => {
    const a = await signBody('secret', 'x', now);
    const b = await signBody('secret', 'x', now);
    expect(a).not.toBe(b);
    const swapped = a.replace(/n=[^,]+/, `n=${/n=([^,]+)/.exec(b)![1]}`);
    expect((await verifyBodySignature('secret', 'x', swapped, now)).ok).toBe(false);
  });

  it('refuses a changed body, another secret, a stale or a malformed header', async () => {
    const header = await signBody('secret', '{"a":1}', now);
    expect((await verifyBodySignature('secret', '{"a":2}', header, now)).ok).toBe(false);
    expect((await verifyBodySignature('other', '{"a":1}', header, now)).ok).toBe(false);
    expect(await verifyBodySignature('secret', '{"a":1}', header, now + 301)).toEqual({
      ok: false,
      reason: 'signature timestamp outside the allowed window',
    });
    expect((await verifyBodySignature('secret', 'x', 'garbage', now)).ok).toBe(false);
    expect((await verifyBodySignature('secret', 'x', undefined, now)).ok).toBe(false);
  });
});
