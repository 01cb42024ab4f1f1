import { ApiFailure, readJson } from '@veneer/shared/http';
import { EmbeddingSearchResultSchema, EmbeddingSearchSchema } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import { requireUser } from '../auth/require-user.ts';
import type { AppEnv } from '../env.ts';
import { limitIp } from '../limits/limit-ip.ts';
import { searchEmbeddingsOnNode } from '../nodes/forward.ts';
import { userHub } from '../stubs.ts';

/**
 * `POST /v1/embeddings/search {sha256 | embedding, limit?, minSimilarity?}` -> `{model, standIn,
 * matches: [{sha256, similarity}]}`: "images like this one", among the images this user had
 * embedded and no one else's (a `within` in the body is not read). The user's hub keeps the sha256 of each embed result it delivered;
 * the node is asked to search only those. An image the user never had embedded is not found (404),
 * whether or not someone else had it.
 */
export const embeddingRoutes = new Hono<AppEnv>().post(
  '/embeddings/search',
  limitIp('embeddings'),
  requireUser('embeddings'),
  async (c) => {
    const query = await readJson(c, EmbeddingSearchSchema, 64 * 1024);
    const within = await userHub(c.env, c.get('userId')).embeddedImages();
    if (query.sha256 !== undefined && !within.includes(query.sha256))
      throw new ApiFailure(404, 'not_found', `you have no embedded image ${query.sha256}`);
    const answer = EmbeddingSearchResultSchema.parse(
      await searchEmbeddingsOnNode(c.env, { ...query, within }, c.get('requestId')),
    );
    return c.json(answer);
  },
);
