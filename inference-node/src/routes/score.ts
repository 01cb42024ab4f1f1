import { ApiFailure, parseJsonText, readBodyText, validate } from '@veneer/shared/http';
import { ScoreRequestSchema, type ScoreResponse } from '@veneer/shared/protocol';
import { winnerOf } from '@veneer/shared/thumbs';
import { Hono } from 'hono';
import type { ThumbnailAppraiser } from '../detectors/thumbnail-appraiser.ts';
import type { ImageFetcher } from '../fetch/image-fetcher.ts';
import { ImageRefusal } from '../images/image-refusal.ts';
import { requireNodeSecret } from './require-node-secret.ts';

export interface ScoreRouteDependencies {
  secret: string;
  fetcher: Pick<ImageFetcher, 'fetchImage'>;
  appraiser: Pick<ThumbnailAppraiser, 'appraise'> | null;
}

/**
 * `POST /score` (edge only): scores up to six thumbnails against a title and names the winner,
 * answered in the request (the edge's `POST /v1/score`). A thumbnail that cannot be fetched or
 * read is answered with a 422 that names it.
 */
export function scoreRoutes({ secret, fetcher, appraiser }: ScoreRouteDependencies) {
  return new Hono().post('/score', requireNodeSecret(secret), async (c) => {
    const request = validate(ScoreRequestSchema, parseJsonText(await readBodyText(c, 64 * 1024)));
    if (!appraiser)
      throw new ApiFailure(503, 'upstream_unavailable', 'this node cannot score thumbnails now');
    const scores = await Promise.all(
      request.thumbnails.map(async ({ id, url }) => {
        try {
          const { score, parts, advice } = await appraiser.appraise(
            await fetcher.fetchImage(url),
            request.title,
          );
          return { id, score, parts, advice };
        } catch (error) {
          if (error instanceof ImageRefusal)
            throw new ApiFailure(error.status, error.code, `thumbnail "${id}": ${error.message}`);
          throw error;
        }
      }),
    );
    return c.json({ winner_id: winnerOf(scores)!, scores } satisfies ScoreResponse);
  });
}
