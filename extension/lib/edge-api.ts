import { type Filter, FilterListSchema } from '@veneer/shared/filters';
import {
  ApiErrorSchema,
  type JobAccepted,
  JobAcceptedSchema,
  type JobRequest,
  type RegisterResponse,
  RegisterResponseSchema,
} from '@veneer/shared/protocol';
import { z } from 'zod';
import { t } from './i18n.ts';

/** An edge answer that is not a success, with the edge's own code and message. */
export class EdgeError extends Error {
  readonly status: number;
  readonly code: string;
  /** The whole error body (a 409 carries the current state). */
  readonly body: unknown;
  constructor(status: number, code: string, message: string, body: unknown = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new EdgeError(0, 'edge_unreachable', t('problem.unreachable'));
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    throw parsed.success
      ? new EdgeError(response.status, parsed.data.error.code, parsed.data.error.message, body)
      : new EdgeError(response.status, 'edge_error', `the server answered ${response.status}`);
  }
  return body;
}

export async function register(edgeUrl: string): Promise<RegisterResponse> {
  return RegisterResponseSchema.parse(
    await call(new URL('/v1/register', edgeUrl).toString(), { method: 'POST' }),
  );
}

export async function submitJob(edgeUrl: string, token: string, job: JobRequest): Promise<JobAccepted> {
  const body = await call(new URL('/v1/jobs', edgeUrl).toString(), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(job),
  });
  return JobAcceptedSchema.parse(body);
}

const FilterListResponse = z.object({ version: z.number().int(), filters: FilterListSchema });

export async function getFilters(edgeUrl: string, token: string) {
  const body = await call(new URL('/v1/filters', edgeUrl).toString(), {
    headers: { authorization: `Bearer ${token}` },
  });
  return FilterListResponse.parse(body);
}

/** Writes the list based on `version`; a 409 comes back as the list another device wrote. */
export async function putFilters(edgeUrl: string, token: string, version: number, filters: Filter[]) {
  try {
    const body = await call(new URL('/v1/filters', edgeUrl).toString(), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version, filters }),
    });
    return { version: z.object({ version: z.number().int() }).parse(body).version };
  } catch (error) {
    if (error instanceof EdgeError && error.status === 409 && error.body) {
      return { conflict: FilterListResponse.parse((error.body as { current: unknown }).current) };
    }
    throw error;
  }
}

export async function refreshToken(edgeUrl: string, token: string): Promise<RegisterResponse> {
  const body = await call(new URL('/v1/token/refresh', edgeUrl).toString(), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return RegisterResponseSchema.parse(body);
}

export function socketUrl(edgeUrl: string, token: string, sessionId: string, after: number): string {
  const url = new URL('/v1/connect', edgeUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  url.searchParams.set('session', sessionId);
  url.searchParams.set('after', String(after));
  return url.toString();
}

const SharedListAnswer = z.object({ id: z.string(), version: z.number().int(), url: z.string() });
export type SharedListAnswer = z.infer<typeof SharedListAnswer>;

/** Shares filters as a list at a short address (`id`: a new version of that list, its owner only). */
export async function shareList(
  edgeUrl: string,
  token: string,
  list: { title: string; filters: Filter[] },
  id?: string,
): Promise<SharedListAnswer> {
  const body = await call(
    new URL(id ? `/v1/lists/${encodeURIComponent(id)}` : '/v1/lists', edgeUrl).toString(),
    {
      method: id ? 'PUT' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(list),
    },
  );
  return SharedListAnswer.parse(body);
}
