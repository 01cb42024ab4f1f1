import { fromBase64Url, hmacSha256, hmacVerify, toBase64Url } from '@veneer/shared/signing';

/**
 * User tokens: `v1.<base64url(JSON {sub, iat, exp})>.<base64url(HMAC-SHA256)>`, signed with
 * TOKEN_SECRET. The signature and expiry are checked here; the generation against the user's
 * Durable Object, so revocation takes effect at once.
 */
const VERSION = 'v1';

export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
  /** Generation: revoking a user's tokens raises it, and older tokens stop working at once. */
  gen: number;
}

export async function issueToken(
  secret: string,
  userId: string,
  ttlSeconds: number,
  gen = 0,
  now = Date.now(),
) {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = { sub: userId, iat, exp: iat + ttlSeconds, gen };
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  const signature = toBase64Url(await hmacSha256(secret, `${VERSION}.${payload}`));
  return { token: `${VERSION}.${payload}.${signature}`, expiresAt: claims.exp };
}

export async function verifyToken(
  secret: string,
  token: string,
  now = Date.now(),
): Promise<TokenClaims | null> {
  const [version, payload, signature, extra] = token.split('.');
  if (version !== VERSION || !payload || !signature || extra !== undefined) return null;
  const signatureBytes = fromBase64Url(signature);
  if (!signatureBytes || !(await hmacVerify(secret, `${VERSION}.${payload}`, signatureBytes))) return null;
  const payloadBytes = fromBase64Url(payload);
  if (!payloadBytes) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(payloadBytes)) as Partial<TokenClaims>;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') {
      return null;
    }
    if (claims.exp <= Math.floor(now / 1000)) return null;
    return { ...claims, gen: typeof claims.gen === 'number' ? claims.gen : 0 } as TokenClaims;
  } catch {
    return null;
  }
}
