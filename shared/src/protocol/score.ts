import { z } from 'zod';
import { ImageRefSchema } from './images.ts';
import { MAX_TITLE_LENGTH } from './jobs.ts';

/** Most candidates scored together (the lab's limit too). */
export const MAX_SCORE_THUMBNAILS = 6;

const UrlSchema = ImageRefSchema.options[0].shape.url;

/**
 * `POST /v1/score`: the thumbnail lab as an API for tools outside the extension. Each candidate
 * is fetched by the inference node (public http(s) addresses only) and scored against the title.
 */
export const ScoreRequestSchema = z.object({
  title: z.string().trim().min(1, 'the title is empty').max(MAX_TITLE_LENGTH),
  thumbnails: z
    .array(
      z.object({
        id: z.string().trim().min(1, 'a thumbnail id is empty').max(64),
        url: UrlSchema,
      }),
    )
    .min(1, 'give at least one thumbnail')
    .max(MAX_SCORE_THUMBNAILS, `at most ${MAX_SCORE_THUMBNAILS} thumbnails`)
    .refine((list) => new Set(list.map((t) => t.id)).size === list.length, 'thumbnail ids must be unique'),
});
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;

export const AppealPartSchema = z.object({
  name: z.string(),
  value: z.number().min(0).max(1),
  weight: z.number().positive(),
  detail: z.string(),
});

export const ScoreResponseSchema = z.object({
  winner_id: z.string(),
  scores: z.array(
    z.object({
      id: z.string(),
      /** The appeal score, 0-100: a guide made of thumbnail practice, not a click-through rate. */
      score: z.number().int().min(0).max(100),
      parts: z.array(AppealPartSchema),
      advice: z.array(z.string()),
    }),
  ),
});
export type ScoreResponse = z.infer<typeof ScoreResponseSchema>;
