import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues } from '../protocol/errors.ts';
import { JOB_TYPES } from '../protocol/jobs.ts';
import { ApiFailure } from './api-failure.ts';
import { readCappedText } from './read-capped.ts';

/** Reads at most `maxBytes` of the request body as text; 413 past that, without buffering more. */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCappedText(c.req.raw.body, maxBytes);
  if (text === null) throw tooLarge(maxBytes);
  return text;
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'bad_json', 'request body is not valid JSON');
  }
}

export function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiFailure(400, 'invalid_request', describeIssues(parsed.error));
  return parsed.data;
}

/** Size-capped JSON body validated against a shared schema. */
export async function readJson<T extends z.ZodType>(
  c: Context,
  schema: T,
  maxBytes: number,
): Promise<z.infer<T>> {
  return validate(schema, parseJsonText(await readBodyText(c, maxBytes)));
}

function tooLarge(maxBytes: number) {
  return new ApiFailure(413, 'body_too_large', `request body is larger than ${maxBytes} bytes`);
}

/** A clear 400 for a job type nobody knows, before the schema's generic message. */
export function assertKnownJobType(type: unknown): void {
  if (typeof type === 'string' && !(JOB_TYPES as readonly string[]).includes(type)) {
    throw new ApiFailure(
      400,
      'unknown_job_type',
      `unknown job type "${type}"; known: ${JOB_TYPES.join(', ')}`,
    );
  }
}
