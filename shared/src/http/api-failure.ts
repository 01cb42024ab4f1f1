import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../protocol/errors.ts';
import { apiError } from '../protocol/errors.ts';

/** Thrown anywhere in a route; the app's error handler turns it into `{"error":{"code","message"}}`. */
export class ApiFailure extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function failureResponse(c: Context, failure: ApiFailure): Response {
  return c.json(apiError(failure.code, failure.message), failure.status, failure.headers);
}
