import { parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { ScoreRequestSchema, ScoreResponseSchema } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { normalizeImageUrl } from '../jobs/job-id.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { scoreOnNode } from '../nodes/forward.ts';

/** How long a score is answered from the cache: the same title and the same image addresses. */
const SCORE_CACHE_S = 600;

/** The cache's key: the title and each thumbnail's id with its address, normalized. */
async function cacheKeyFor(
  title: string,
  thumbnails: ReadonlyArray<{ id: string; url: string }>,
): Promise<Request> {
  const entries = thumbnails.map((t) => `${t.id}\n${normalizeImageUrl(t.url)}`);
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(JSON.stringify({ title, entries })),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return new Request(`https://score-cache.veneer.invalid/${hex}`);
}

/**
 * `POST /v1/score {title, thumbnails:[{id,url}]}` -> `{winner_id, scores:[{id, score, parts,
 * advice}]}`: the thumbnail lab for tools outside the extension. An inference node fetches and
 * scores the images (with failover, 503 + Retry-After when none is up); the same request within
 * ten minutes is answered from the Cache API without touching a node.
 */
export const scoreRoutes = new Hono<AppEnv>().post(
  '/score',
  limitIp('score'),
  requireUser('score'),
  async (c) => {
    const request = validate(ScoreRequestSchema, parseJsonText(await readBodyText(c, 64 * 1024)));
    // (Each address alone is normalized: an id is no part of an address.)
    const key = await cacheKeyFor(request.title, request.thumbnails);
    const cache = await caches.open('veneer-score');
    const cached = await cache.match(key);
    if (cached) return c.json(await cached.json(), 200, { 'x-veneer-cache': 'hit' });
    const answer = ScoreResponseSchema.parse(await scoreOnNode(c.env, request, c.get('requestId')));
    c.executionCtx.waitUntil(
      cache.put(
        key,
        new Response(JSON.stringify(answer), {
          headers: { 'content-type': 'application/json', 'cache-control': `max-age=${SCORE_CACHE_S}` },
        }),
      ),
    );
    return c.json(answer, 200, { 'x-veneer-cache': 'miss' });
  },
);
