import {
  ApiErrorSchema,
  type JobAccepted,
  JobAcceptedSchema,
  type JobRequest,
  type RegisterResponse,
  RegisterResponseSchema,
} from '@veneer/shared/protocol';

/** An edge answer that is not a success, with the edge's own code and message. */
export class EdgeError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new EdgeError(0, 'edge_unreachable', 'Veneer cannot reach its server right now');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    throw parsed.success
      ? new EdgeError(response.status, parsed.data.error.code, parsed.data.error.message)
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

export function socketUrl(edgeUrl: string, token: string, sessionId: string, after: number): string {
  const url = new URL('/v1/connect', edgeUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  url.searchParams.set('session', sessionId);
  url.searchParams.set('after', String(after));
  return url.toString();
}
