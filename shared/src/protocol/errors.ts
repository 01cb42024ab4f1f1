import { z } from 'zod';

/** Every 4xx/5xx body at every hop: `{"error":{"code","message"}}`. */
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type ErrorCode =
  | 'bad_json'
  | 'invalid_request'
  | 'unknown_job_type'
  | 'body_too_large'
  | 'unauthorized'
  | 'forbidden'
  | 'bad_signature'
  | 'replayed'
  | 'rate_limited'
  | 'conflict'
  | 'not_found'
  | 'unsupported_url'
  | 'blocked_address'
  | 'fetch_failed'
  | 'image_too_large'
  | 'not_an_image'
  | 'upstream_unavailable'
  | 'model_unavailable'
  | 'internal';

export function apiError(code: ErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

/** Turns zod issues into one readable sentence naming the offending fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}
