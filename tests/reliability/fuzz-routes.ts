import { signBody } from '@veneer/shared/signing';
import fc from 'fast-check';
import { OPERATOR_SECRET_FOR_TESTS } from '../stack/index.ts';

/**
 * Fuzzing every route of the edge and the inference node with generated bad input (fast-check):
 * malformed JSON, wrong types, huge and odd strings, boundary numbers, bad base64, private
 * addresses, forged, stale and foreign tokens and signatures, oversized bodies. Each answer must
 * be below 500 and, when it refuses, in the documented error shape `{error: {code, message}}`.
 */

export interface FuzzTarget {
  /** Where the routes are (`http://127.0.0.1:port`). */
  base: string;
  /** The secrets the real callers hold: a real token, the node secret, the operator secret. */
  auth: { userToken: string; throwawayTokens: string[]; nodeSecret: string; tokenSecret: string };
}

type Auth = 'none' | 'user' | 'throwaway-user' | 'operator' | 'node-secret' | 'node-signature';

export interface FuzzRoute {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** The path, `:id`-style parameters filled with generated values. */
  path: string;
  auth: Auth;
  /** Field names the route reads: generated bodies use them with values of every wrong kind. */
  fields?: string[];
  /** A body the route accepts: generated bodies change one of its values (reaching deeper checks). */
  valid?: unknown;
}

export const EDGE_ROUTES: FuzzRoute[] = [
  { name: 'POST /v1/register', method: 'POST', path: '/v1/register', auth: 'none' },
  {
    name: 'POST /v1/jobs',
    method: 'POST',
    path: '/v1/jobs',
    auth: 'user',
    valid: { type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/a.jpg' }, priority: 'interactive' },
    fields: ['type', 'image', 'title', 'priority', 'clientRef', 'kind', 'url', 'data', 'mime'],
  },
  {
    name: 'POST /v1/results',
    method: 'POST',
    path: '/v1/results',
    auth: 'node-signature',
    valid: {
      jobId: 'job-1',
      status: 'done',
      result: { type: 'faces', model: 'yunet', width: 10, height: 10, faces: [] },
    },
    fields: ['jobId', 'status', 'result', 'error', 'progress', 'type'],
  },
  { name: 'POST /v1/token/refresh', method: 'POST', path: '/v1/token/refresh', auth: 'user' },
  { name: 'POST /v1/token/revoke', method: 'POST', path: '/v1/token/revoke', auth: 'throwaway-user' },
  { name: 'GET /v1/filters', method: 'GET', path: '/v1/filters', auth: 'user' },
  {
    name: 'PUT /v1/filters',
    method: 'PUT',
    path: '/v1/filters',
    auth: 'user',
    valid: { version: 0, filters: [{ id: 'a', words: 'spiders', action: 'hide', sites: ['x'] }] },
    fields: ['filters', 'version', 'words', 'action', 'learned', 'id'],
  },
  {
    name: 'POST /v1/score',
    method: 'POST',
    path: '/v1/score',
    auth: 'user',
    valid: { title: 'A title', thumbnails: [{ id: 'a', url: 'https://i.ytimg.com/vi/a/hq.jpg' }] },
    fields: ['title', 'thumbnails', 'id', 'url'],
  },
  { name: 'GET /v1/packs/:adapter', method: 'GET', path: '/v1/packs/:p', auth: 'none' },
  {
    name: 'PUT /v1/packs/:adapter',
    method: 'PUT',
    path: '/v1/packs/:p',
    auth: 'operator',
    fields: ['pack', 'signature', 'format', 'adapter', 'version', 'selectors'],
  },
  {
    name: 'POST /v1/breakage',
    method: 'POST',
    path: '/v1/breakage',
    auth: 'none',
    valid: {
      adapter: 'x',
      packVersion: 1,
      counts: { pages: 3, pagesWithoutPosts: 3, posts: 0, emptyText: 0, emptyAuthor: 0 },
    },
    fields: ['adapter', 'packVersion', 'counts', 'pages', 'posts'],
  },
  { name: 'GET /v1/admin/breakage', method: 'GET', path: '/v1/admin/breakage', auth: 'operator' },
  {
    name: 'POST /v1/lists',
    method: 'POST',
    path: '/v1/lists',
    auth: 'user',
    valid: { title: 'Spiders', filters: [{ id: 'a', words: 'spiders', action: 'hide' }] },
    fields: ['title', 'filters', 'id', 'version'],
  },
  {
    name: 'PUT /v1/lists/:id',
    method: 'PUT',
    path: '/v1/lists/:p',
    auth: 'user',
    fields: ['title', 'filters'],
  },
  { name: 'GET /v1/lists/:id', method: 'GET', path: '/v1/lists/:p', auth: 'none' },
  { name: 'GET /v1/lists/:id/versions/:v', method: 'GET', path: '/v1/lists/:p/versions/:p', auth: 'none' },
  {
    name: 'POST /v1/embeddings/search',
    method: 'POST',
    path: '/v1/embeddings/search',
    auth: 'user',
    valid: { sha256: 'a'.repeat(64), limit: 5 },
    fields: ['sha256', 'embedding', 'limit', 'minSimilarity', 'within'],
  },
  { name: 'GET /v1/connect (no upgrade)', method: 'GET', path: '/v1/connect', auth: 'user' },
];

export const NODE_ROUTES: FuzzRoute[] = [
  {
    name: 'node POST /jobs',
    method: 'POST',
    path: '/jobs',
    auth: 'node-secret',
    valid: { jobId: 'job-1', job: { type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/a.jpg' } } },
    fields: ['jobId', 'job', 'type', 'image', 'kind', 'url', 'data', 'mime', 'priority'],
  },
  {
    name: 'node POST /score',
    method: 'POST',
    path: '/score',
    auth: 'node-secret',
    valid: { title: 'A title', thumbnails: [{ id: 'a', url: 'https://i.ytimg.com/vi/a/hq.jpg' }] },
    fields: ['title', 'thumbnails', 'id', 'url'],
  },
  {
    name: 'node POST /embeddings/search',
    method: 'POST',
    path: '/embeddings/search',
    auth: 'node-secret',
    valid: { sha256: 'a'.repeat(64), within: ['a'.repeat(64)], limit: 5 },
    fields: ['sha256', 'embedding', 'limit', 'minSimilarity', 'within', 'userId'],
  },
  { name: 'node GET /ready', method: 'GET', path: '/ready', auth: 'none' },
];

/** Strings that break parsers and checks: control and odd characters, huge, base64 that is not. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'not base64 !!',
    '====',
    'AAAA====AAAA',
    'data:image/png;base64,###',
    'http://127.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://10.0.0.1/x.jpg',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://example.com/'.padEnd(5000, 'a'),
  ),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const boundaryNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    2 ** 31,
    -(2 ** 31),
    2 ** 53,
    -(2 ** 53),
    Number.MAX_VALUE,
    1e308,
    1e-308,
    0.5,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddString,
    boundaryNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Every path to a value inside `value` (objects' keys and arrays' indexes). */
function valuePaths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [at, ...entries.flatMap(([key, inner]) => valuePaths(inner, [...at, key]))];
}

/** The valid body with one value (or the whole of one part) replaced by a generated one. */
function oneValueChanged(valid: unknown): fc.Arbitrary<string> {
  const paths = valuePaths(valid).filter((path) => path.length > 0);
  return fc.tuple(fc.constantFrom(...paths), anyValue, fc.boolean()).map(([path, value, drop]) => {
    const copy = structuredClone(valid) as Record<string | number, unknown>;
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
    if (drop) delete holder[path.at(-1)!];
    else holder[path.at(-1)!] = value;
    return JSON.stringify(copy);
  });
}

/** A body: not JSON at all, any JSON, or the route's own fields holding values of every wrong kind. */
function bodyFor(route: FuzzRoute): fc.Arbitrary<string | null> {
  const shaped = route.fields?.length
    ? fc.dictionary(fc.constantFrom(...route.fields), anyValue, { minKeys: 1, maxKeys: route.fields.length })
    : fc.dictionary(oddString, anyValue, { maxKeys: 3 });
  return fc.oneof(
    ...(route.valid === undefined
      ? []
      : [
          { arbitrary: oneValueChanged(route.valid), weight: 100 },
          { arbitrary: fc.constant(JSON.stringify(route.valid)), weight: 10 },
        ]),
    { arbitrary: shaped.map((value) => JSON.stringify(value)), weight: 100 },
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 40 },
    { arbitrary: oddString, weight: 40 },
    {
      arbitrary: fc.constantFrom(
        '{',
        '[',
        '{"a":',
        'null',
        '[]',
        '{}',
        '""',
        'true',
        '{"__proto__":{"polluted":1}}',
      ),
      weight: 20,
    },
    // Oversized bodies (past every route's limit), now and then.
    { arbitrary: fc.integer({ min: 1_100_000, max: 2_500_000 }).map((n) => `"${'a'.repeat(n)}"`), weight: 1 },
    { arbitrary: fc.constant(null), weight: 10 },
  );
}

/** A credential: the real one (so bodies reach validation), none, forged, stale or foreign. */
async function authHeaders(
  route: FuzzRoute,
  target: FuzzTarget,
  pick: number,
  body: string,
): Promise<Record<string, string>> {
  const { auth } = target;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const forged = (token: string) => `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
  const variant = pick % 10;
  switch (route.auth) {
    case 'none':
      return variant < 2 ? bearer(forged(auth.userToken)) : {};
    case 'user':
    case 'throwaway-user': {
      const real =
        route.auth === 'user' ? auth.userToken : auth.throwawayTokens[pick % auth.throwawayTokens.length]!;
      if (variant < 6) return bearer(real);
      if (variant === 6) return {};
      if (variant === 7) return bearer(forged(real));
      if (variant === 8) return { authorization: `Basic ${real}` };
      return bearer(`${real.split('.')[0]}.e30.${'x'.repeat(43)}`);
    }
    case 'operator':
      return variant < 5
        ? bearer(OPERATOR_SECRET_FOR_TESTS)
        : variant < 8
          ? bearer('wrong-operator-secret')
          : {};
    case 'node-secret':
      return variant < 6 ? bearer(auth.nodeSecret) : variant < 8 ? bearer('not-the-secret') : {};
    case 'node-signature': {
      if (variant < 5) return { 'veneer-signature': await signBody(auth.nodeSecret, body) };
      if (variant === 5)
        return {
          'veneer-signature': await signBody(auth.nodeSecret, body, Math.floor(Date.now() / 1000) - 3600),
        };
      if (variant === 6) return { 'veneer-signature': await signBody('a-foreign-secret', body) };
      if (variant === 7) return { 'veneer-signature': 't=1,n=x,v1=%%%' };
      return {};
    }
  }
}

/** The text with lone surrogates replaced (as UTF-8 writes them), so that it can go in an address. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

export interface FuzzRow {
  case: string;
  inputs: number;
  '5xx': number;
  /** Refusals not in the documented error shape. */
  bad_shape: number;
  /** Requests that got no answer at all (the server closed or hung). */
  no_answer: number;
  /** Refused by the runtime itself before Veneer's code (workerd's 414 for an address too long). */
  runtime_refusals: number;
  p50_ms: number;
  /** How many answers had each status: what the inputs reached (refusals, and some accepted). */
  statuses: Record<string, number>;
  examples: string[];
}

/** A row with nothing counted yet. */
export const emptyRow = (name: string): FuzzRow => ({
  case: name,
  inputs: 0,
  '5xx': 0,
  bad_shape: 0,
  no_answer: 0,
  runtime_refusals: 0,
  p50_ms: 0,
  statuses: {},
  examples: [],
});

const ERROR_SHAPE = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { code?: unknown } }).error?.code === 'string' &&
  typeof (body as { error?: { message?: unknown } }).error?.message === 'string';

/** Sends `count` generated bad requests to the route, `concurrency` at a time. */
export async function fuzzRoute(
  route: FuzzRoute,
  target: FuzzTarget,
  { count, concurrency = 24, seed = 1 }: { count: number; concurrency?: number; seed?: number },
): Promise<FuzzRow> {
  const inputs = fc.sample(
    fc.record({
      body: bodyFor(route),
      params: fc.array(oddString, { minLength: 2, maxLength: 2 }),
      pick: fc.nat(),
      contentType: fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=latin1'),
    }),
    { numRuns: count, seed },
  );
  const row = emptyRow(`fuzz ${route.name}`);
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      let param = 0;
      const path = route.path.replace(/:p/g, () =>
        encodeURIComponent(wellFormed(input.params[param++ % input.params.length]!.slice(0, 300))),
      );
      const body = route.method === 'GET' ? null : input.body;
      const headers: Record<string, string> = await authHeaders(route, target, input.pick, body ?? '');
      if (body !== null && input.contentType) headers['content-type'] = input.contentType;
      const url = route.name.startsWith('GET /v1/connect')
        ? `${target.base}${path}?token=${encodeURIComponent(wellFormed(headers.authorization?.replace('Bearer ', '') ?? input.params[0]!))}`
        : `${target.base}${path}`;
      const started = performance.now();
      row.inputs++;
      try {
        const response = await fetch(url, {
          method: route.method,
          headers,
          body,
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        times.push(performance.now() - started);
        row.statuses[response.status] = (row.statuses[response.status] ?? 0) + 1;
        const note = `${response.status} ${route.method} ${path.slice(0, 80)} ${String(body).slice(0, 80)}`;
        if (response.status >= 500) {
          row['5xx']++;
          if (row.examples.length < 5) row.examples.push(`${note} -> ${text.slice(0, 200)}`);
        } else if (response.status === 414 && text === 'URI too long') {
          // workerd's own answer (Cloudflare's too) to an address past its limit, before any of
          // Veneer's code runs: counted, not Veneer's shape to give.
          row.runtime_refusals++;
        } else if (response.status >= 400) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          if (!ERROR_SHAPE(parsed)) {
            row.bad_shape++;
            if (row.examples.length < 5) row.examples.push(`${note} -> ${text.slice(0, 200)}`);
          }
        }
      } catch (error) {
        row.no_answer++;
        if (row.examples.length < 5)
          row.examples.push(`no answer: ${route.method} ${path.slice(0, 80)}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  row.p50_ms = Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10;
  return row;
}
