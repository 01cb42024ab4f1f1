import { FilterListSchema } from '@veneer/shared/filters';
import { readJson } from '@veneer/shared/http';
import { apiError } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import type { StoredFilters } from '../hub/user-hub.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { userHub } from '../stubs.ts';

/**
 * A list's largest body: a learned filter keeps up to 500 examples as hashed features (about 150
 * KB in base64 at the most), so a list with a few of them fits; the hub's stored row may hold 2 MB.
 */
const MAX_FILTERS_BYTES = 1024 * 1024;
const FilterWriteSchema = z.object({ version: z.number().int().min(0), filters: FilterListSchema });

/**
 * `GET /v1/filters` and `PUT /v1/filters`: the user's filter list with a version. A write names
 * the version it was based on; if another device wrote in between, the answer is 409 with the
 * current list, so no device silently overwrites another.
 */
export const filterRoutes = new Hono<AppEnv>()
  .get('/filters', limitIp('filters'), requireUser('filters'), async (c) =>
    c.json(await userHub(c.env, c.get('userId')).getFilters()),
  )
  .put('/filters', limitIp('filters'), requireUser('filters'), async (c) => {
    const { version, filters } = await readJson(c, FilterWriteSchema, MAX_FILTERS_BYTES);
    const written = await userHub(c.env, c.get('userId')).putFilters(version, filters);
    if (!('current' in written)) return c.json({ version: written.version });
    const current = written.current as StoredFilters;
    return c.json(
      {
        ...apiError(
          'conflict',
          `the filters changed since version ${version}; the current version is ${current.version}`,
        ),
        current,
      },
      409,
    );
  });
