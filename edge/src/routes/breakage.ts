import { readJson } from '@veneer/shared/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireOperator } from '../auth/require-operator.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { packStore } from '../stubs.ts';

const count = z.number().int().min(0).max(1_000_000);
const BreakageSchema = z.object({
  adapter: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  packVersion: z.number().int().min(0).max(1_000_000_000),
  counts: z.object({
    pages: count,
    pagesWithoutPosts: count,
    posts: count,
    emptyText: count,
    emptyAuthor: count,
  }),
});

/**
 * `POST /v1/breakage`: a person's one-click report that a site's pack stopped reading it (which
 * adapter, which pack version, and counts: no address, no user, no content), rate-limited by
 * address. Operators read the totals by adapter and version at `GET /v1/admin/breakage`.
 */
export const breakageRoutes = new Hono<AppEnv>()
  .post('/breakage', limitIp('breakage'), async (c) => {
    const { adapter, packVersion, counts } = await readJson(c, BreakageSchema, 4096);
    await packStore(c.env).report(adapter, packVersion, counts);
    return c.json({ ok: true }, 202);
  })
  .get('/admin/breakage', requireOperator, async (c) =>
    c.json({ reports: await packStore(c.env).breakage() }),
  );
