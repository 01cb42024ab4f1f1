import { z } from 'zod';

/** The candidates the thumbnail lab previews inside youtube.com (absent: no preview). */
export const THUMB_PREVIEW_STORAGE_KEY = 'veneer.thumbs.preview';

const buildSchema = () =>
  z.object({
    title: z.string().max(100),
    channel: z.string().max(100),
    /** The channel's avatar as a data: URL, or empty for a plain initial. */
    avatar: z.string().max(200_000),
    candidates: z
      .array(z.object({ id: z.string(), name: z.string(), dataUrl: z.string().startsWith('data:image/') }))
      .min(1)
      .max(6),
  });
export type ThumbPreview = z.infer<ReturnType<typeof buildSchema>>;

let schema: ReturnType<typeof buildSchema> | undefined;
/**
 * Built on first use: the YouTube content script checks a preview only when there is one, and
 * constructing a schema when the script loads costs every youtube.com page ~30 ms of its main
 * thread (zod's code compiled on first use).
 */
export const thumbPreviewSchema = () => (schema ??= buildSchema());
