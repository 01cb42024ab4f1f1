import { base64ToBytes, bytesToBase64 } from '../base64.ts';
import { PACK_FORMAT, type SelectorPack, type SignedPack } from './pack.ts';

/**
 * Ed25519 signatures of selector packs with WebCrypto, the same code in Node (signing with the
 * operator's private key, `pnpm pack:publish`), in workerd (the edge checks what it is given) and
 * in the browser (the extension checks what it fetched against the public key it ships).
 */
const ED25519 = { name: 'Ed25519' } as const;

export async function importPublicKey(base64: string): Promise<CryptoKey> {
  const raw = base64ToBytes(base64);
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
}

/** A private key from its PKCS#8 bytes (base64), as `pnpm pack:keygen` writes it. */
export async function importPrivateKey(base64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', base64ToBytes(base64), ED25519, false, ['sign']);
}

/** A new signing key pair: the private key as PKCS#8 and the public key raw, both base64. */
export async function generatePackKeys(): Promise<{ privateKey: string; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    privateKey: bytesToBase64(
      new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer),
    ),
    publicKey: bytesToBase64(
      new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer),
    ),
  };
}

export async function signPack(pack: SelectorPack, privateKey: CryptoKey): Promise<SignedPack> {
  const payload = JSON.stringify(pack);
  const signature = await crypto.subtle.sign(ED25519, privateKey, new TextEncoder().encode(payload));
  return { payload, signature: bytesToBase64(new Uint8Array(signature)) };
}

/** The signed pack's contents when its signature is the key's, else why not (never the contents). */
export async function openSignedPack(
  signed: unknown,
  publicKey: CryptoKey,
): Promise<{ pack: SelectorPack } | { refused: string }> {
  const { payload, signature } = (signed ?? {}) as Partial<SignedPack>;
  if (typeof payload !== 'string' || typeof signature !== 'string')
    return { refused: 'not a signed pack (payload and signature)' };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64ToBytes(signature);
  } catch {
    return { refused: 'the signature is not base64' };
  }
  const valid = await crypto.subtle
    .verify(ED25519, publicKey, bytes, new TextEncoder().encode(payload))
    .catch(() => false);
  if (!valid) return { refused: 'the signature does not match the pinned key' };
  let pack: SelectorPack;
  try {
    pack = JSON.parse(payload) as SelectorPack;
  } catch {
    return { refused: 'the signed payload is not JSON' };
  }
  if (typeof pack !== 'object' || pack === null || pack.format !== PACK_FORMAT)
    return { refused: 'the signed payload is not a selector pack' };
  return { pack };
}
