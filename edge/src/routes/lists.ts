import { FilterListSchema } from '@veneer/shared/filters';
import { ApiFailure, readJson } from '@veneer/shared/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { listStore } from '../stubs.ts';

/** A shared list weighs at most this (the subscribing extension reads up to 1 MB). */
const MAX_LIST_BYTES = 256 * 1024;
const LIST_ID = /^[A-Za-z0-9]{10}$/;
const ListPublishSchema = z.object({
  title: z.string().trim().min(1).max(200),
  homepage: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  filters: FilterListSchema.refine((filters) => filters.length > 0, 'a shared list has at least one filter'),
});

/** A new list id: 10 letters and digits (59 bits), from the runtime's random source. */
function newListId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.getRandomValues(new Uint8Array(10))].map((byte) => alphabet[byte % 62]).join('');
}

/** The owner as the list keeps them: a keyed hash of the user id, not the id. */
async function ownerHash(secret: string, userId: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`list-owner:${userId}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function listIdOf(id: string): string {
  if (!LIST_ID.test(id)) throw new ApiFailure(404, 'not_found', `no shared list "${id.slice(0, 40)}"`);
  return id;
}

/** The list document as stored: what a subscriber reads (no user id in it). */
const documentOf = (body: z.infer<typeof ListPublishSchema>) =>
  JSON.stringify({
    veneer: 1,
    title: body.title,
    ...(body.homepage ? { homepage: body.homepage } : {}),
    filters: body.filters,
  });

/**
 * Filter lists shared through Veneer's server: `POST /v1/lists` publishes the person's chosen
 * filters and answers a short address; `PUT /v1/lists/:id` (its owner only) a new version at the
 * same address; `GET /v1/lists/:id` serves the newest version to anyone (ETag, cached a minute),
 * `GET /v1/lists/:id/versions/:n` one version, immutable.
 */
export const listRoutes = new Hono<AppEnv>()
  .post('/lists', limitIp('lists'), requireUser('lists'), async (c) => {
    const body = await readJson(c, ListPublishSchema, MAX_LIST_BYTES);
    const owner = await ownerHash(c.env.TOKEN_SECRET, c.get('userId'));
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = newListId();
      if (await listStore(c.env, id).create(owner, documentOf(body))) {
        const url = new URL(`/v1/lists/${id}`, c.req.url).toString();
        return c.json({ id, version: 1, url }, 201);
      }
    }
    throw new ApiFailure(500, 'internal', 'no free list id was found; try again');
  })
  .put('/lists/:id', limitIp('lists'), requireUser('lists'), async (c) => {
    const id = listIdOf(c.req.param('id'));
    const body = await readJson(c, ListPublishSchema, MAX_LIST_BYTES);
    const owner = await ownerHash(c.env.TOKEN_SECRET, c.get('userId'));
    const published = await listStore(c.env, id).publish(owner, documentOf(body));
    if ('refused' in published) {
      if (published.refused === 'unknown') throw new ApiFailure(404, 'not_found', `no shared list "${id}"`);
      throw new ApiFailure(
        403,
        'forbidden',
        'only the person who shared this list can publish a new version',
      );
    }
    return c.json({ id, version: published.version, url: new URL(`/v1/lists/${id}`, c.req.url).toString() });
  })
  .get('/lists/:id', limitIp('lists'), async (c) => {
    const id = listIdOf(c.req.param('id'));
    const stored = await listStore(c.env, id).read();
    if (!stored) throw new ApiFailure(404, 'not_found', `no shared list "${id}"`);
    const etag = `"${id}-v${stored.version}"`;
    c.header('etag', etag);
    c.header('cache-control', 'public, max-age=60');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(stored.body, 200, { 'content-type': 'application/json' });
  })
  .get('/lists/:id/versions/:version', limitIp('lists'), async (c) => {
    const id = listIdOf(c.req.param('id'));
    const version = Number(c.req.param('version'));
    const stored = Number.isInteger(version) && version > 0 ? await listStore(c.env, id).read(version) : null;
    if (!stored)
      throw new ApiFailure(
        404,
        'not_found',
        `no version ${c.req.param('version').slice(0, 20)} of list "${id}"`,
      );
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(stored.body, 200, { 'content-type': 'application/json' });
  });
