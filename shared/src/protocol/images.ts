import { z } from 'zod';
import { MAX_IMAGE_BYTES } from './limits.ts';

export { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './limits.ts';

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const ImageRefSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('url'),
    url: z
      .string()
      .max(4096)
      .refine((value) => {
        try {
          const { protocol } = new URL(value);
          return protocol === 'http:' || protocol === 'https:';
        } catch {
          return false;
        }
      }, 'must be an absolute http(s) URL'),
  }),
  z.object({
    kind: z.literal('bytes'),
    mime: z.string().regex(/^image\/[a-z0-9.+-]+$/, 'must be an image MIME type'),
    data: z
      .string()
      .min(4)
      .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4, `image bytes exceed ${MAX_IMAGE_BYTES} bytes`)
      .regex(base64, 'must be base64'),
  }),
]);
export type ImageRef = z.infer<typeof ImageRefSchema>;

/** Largest job body any hop accepts: base64 of the largest image plus room for the rest. */
export const MAX_JOB_BODY_BYTES = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 16 * 1024;
