import { ApiFailure, readJson } from '@veneer/shared/http';
import { importPublicKey, openSignedPack } from '@veneer/shared/packs';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireOperator } from '../auth/require-operator.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { packStore } from '../stubs.ts';

const ADAPTER = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_PACK_BYTES = 32 * 1024;
const SignedPackSchema = z.object({
  payload: z.string().min(2).max(MAX_PACK_BYTES),
  signature: z.string().max(200),
});
/** What the edge checks of a pack's contents (the extension checks them against its adapters). */
const PackContentsSchema = z.object({
  format: z.literal(1),
  adapter: z.string().regex(ADAPTER),
  version: z.number().int().positive(),
  selectors: z.record(z.string(), z.string().min(1).max(500)),
  attributes: z.record(z.string(), z.string().max(64)),
  rules: z.record(z.string(), z.string().max(64)),
});

function adapterOf(name: string): string {
  if (!ADAPTER.test(name)) throw new ApiFailure(400, 'invalid_request', `"${name}" is not an adapter name`);
  return name;
}

/**
 * `GET /v1/packs/:adapter`: the newest signed selector pack of a site adapter, public and cached
 * (ETag; 304 when unchanged), so a site update is fixed without a store release. `PUT` (operator
 * secret; `pnpm pack:publish`) stores a newer one, signed with the key the extension pins: the
 * edge checks the signature too, so a leaked operator secret cannot serve an unsigned pack.
 */
export const packRoutes = new Hono<AppEnv>()
  .get('/packs/:adapter', limitIp('packs'), async (c) => {
    const adapter = adapterOf(c.req.param('adapter'));
    const stored = await packStore(c.env).get(adapter);
    if (!stored) throw new ApiFailure(404, 'not_found', `no pack has been published for ${adapter}`);
    c.header('etag', stored.etag);
    c.header('cache-control', 'public, max-age=60');
    if (c.req.header('if-none-match') === stored.etag) return c.body(null, 304);
    return c.json({ payload: stored.payload, signature: stored.signature });
  })
  .put('/packs/:adapter', requireOperator, async (c) => {
    const adapter = adapterOf(c.req.param('adapter'));
    const signed = await readJson(c, SignedPackSchema, MAX_PACK_BYTES * 2);
    if (!c.env.PACK_PUBLIC_KEY) throw new ApiFailure(500, 'internal', 'PACK_PUBLIC_KEY is not configured');
    const opened = await openSignedPack(signed, await importPublicKey(c.env.PACK_PUBLIC_KEY));
    if ('refused' in opened) throw new ApiFailure(400, 'bad_signature', `pack refused: ${opened.refused}`);
    const contents = PackContentsSchema.safeParse(opened.pack);
    if (!contents.success)
      throw new ApiFailure(400, 'invalid_request', `pack refused: ${contents.error.issues[0]?.message}`);
    if (contents.data.adapter !== adapter)
      throw new ApiFailure(
        400,
        'invalid_request',
        `the pack is for ${contents.data.adapter}, not ${adapter}`,
      );
    const result = await packStore(c.env).put(adapter, contents.data.version, signed);
    if ('current' in result)
      throw new ApiFailure(
        409,
        'conflict',
        `version ${contents.data.version} is not newer than the published version ${result.current}`,
      );
    return c.json({ adapter, version: contents.data.version }, 201);
  });
