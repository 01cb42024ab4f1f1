import { ApiFailure, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { type EmbeddingSearchResult, NodeEmbeddingSearchSchema } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import type { EmbeddingStore } from '../embeddings/embedding-store.ts';
import { requireNodeSecret } from './require-node-secret.ts';

export interface EmbeddingRouteDependencies {
  secret: string;
  embeddings: Pick<EmbeddingStore, 'get' | 'searchSimilar'>;
  /** The embedding model this node runs; null when it did not load. */
  embedModel: string | null;
}

/** The largest search body: 5,000 sha256 addresses of the asking user's images, and a vector. */
const MAX_SEARCH_BYTES = 512 * 1024;

/**
 * `POST /embeddings/search` (edge only): among the images named in `within` (the asking user's, as
 * the edge keeps them), those most like a given one (by the sha256 an `embed` result names) or like
 * a given embedding, for "hide images like this".
 */
export function embeddingRoutes({ secret, embeddings, embedModel }: EmbeddingRouteDependencies) {
  return new Hono().post('/embeddings/search', requireNodeSecret(secret), async (c) => {
    if (!embedModel) throw new ApiFailure(503, 'model_unavailable', 'this node has no embedding model');
    const query = validate(NodeEmbeddingSearchSchema, parseJsonText(await readBodyText(c, MAX_SEARCH_BYTES)));
    // An image is looked up only among the asking user's own (the edge checks this too).
    if (query.sha256 !== undefined && !query.within.includes(query.sha256))
      throw new ApiFailure(404, 'not_found', `no ${embedModel} embedding for image ${query.sha256}`);
    const vector = query.embedding ?? (await embeddings.get(embedModel, query.sha256!));
    if (!vector)
      throw new ApiFailure(404, 'not_found', `no ${embedModel} embedding for image ${query.sha256}`);
    const matches = await embeddings.searchSimilar(embedModel, vector, query);
    return c.json({
      model: embedModel,
      standIn: embedModel === 'clip-stand-in',
      matches: matches.map((m) => ({ sha256: m.sha256, similarity: Math.round(m.similarity * 1e6) / 1e6 })),
    } satisfies EmbeddingSearchResult);
  });
}
