import { ApiFailure, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { type EmbeddingSearchResult, EmbeddingSearchSchema } from '@veneer/shared/protocol';
import { Hono } from 'hono';
import type { EmbeddingStore } from '../embeddings/embedding-store.ts';
import { requireNodeSecret } from './require-node-secret.ts';

export interface EmbeddingRouteDependencies {
  secret: string;
  embeddings: Pick<EmbeddingStore, 'get' | 'searchSimilar'>;
  /** The embedding model this node runs; null when it did not load. */
  embedModel: string | null;
}

/**
 * `POST /embeddings/search` (edge only): the images embedded before that are most like a given
 * one (by the sha256 an `embed` result names) or like a given embedding, for "hide images like this".
 */
export function embeddingRoutes({ secret, embeddings, embedModel }: EmbeddingRouteDependencies) {
  return new Hono().post('/embeddings/search', requireNodeSecret(secret), async (c) => {
    if (!embedModel) throw new ApiFailure(503, 'model_unavailable', 'this node has no embedding model');
    const query = validate(EmbeddingSearchSchema, parseJsonText(await readBodyText(c, 64 * 1024)));
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
