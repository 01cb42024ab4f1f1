/** Route groups that are limited separately. */
export const ROUTE_GROUPS = [
  'register',
  'jobs',
  'connect',
  'filters',
  'token',
  'score',
  'packs',
  'breakage',
  'lists',
  'embeddings',
] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** A token bucket: up to `burst` at once, refilled at `perMinute`. */
export interface Limit {
  perMinute: number;
  burst: number;
}

export interface Limits {
  user: Partial<Record<RouteGroup, Limit>>;
  ip: Partial<Record<RouteGroup, Limit>>;
}

export const DEFAULT_LIMITS: Limits = {
  user: {
    jobs: { perMinute: 600, burst: 120 },
    connect: { perMinute: 30, burst: 10 },
    filters: { perMinute: 60, burst: 20 },
    token: { perMinute: 10, burst: 5 },
    score: { perMinute: 30, burst: 10 },
    // Publishing a shared list (or a new version of one).
    lists: { perMinute: 6, burst: 3 },
    // "Images like this one": a person's click, not a feed's scroll.
    embeddings: { perMinute: 60, burst: 20 },
  },
  ip: {
    register: { perMinute: 10, burst: 10 },
    jobs: { perMinute: 1200, burst: 240 },
    connect: { perMinute: 120, burst: 40 },
    filters: { perMinute: 240, burst: 60 },
    token: { perMinute: 60, burst: 20 },
    score: { perMinute: 60, burst: 20 },
    // Every browser asks once a day, and every 5 s for a while when one of its sites looks broken.
    packs: { perMinute: 120, burst: 60 },
    breakage: { perMinute: 6, burst: 3 },
    // Reading shared lists (subscribers refresh daily) and publishing them.
    lists: { perMinute: 120, burst: 60 },
    embeddings: { perMinute: 240, burst: 60 },
  },
};

/** RATE_LIMITS (JSON) overrides single entries, e.g. `{"ip":{"register":{"perMinute":6000,"burst":2000}}}`. */
export function limitsFrom(json: string | undefined): Limits {
  if (!json) return DEFAULT_LIMITS;
  const override = JSON.parse(json) as Partial<Limits>;
  return {
    user: { ...DEFAULT_LIMITS.user, ...override.user },
    ip: { ...DEFAULT_LIMITS.ip, ...override.ip },
  };
}

export interface Bucket {
  tokens: number;
  at: number;
}

/** Takes one token; returns 0 when allowed, else the seconds until one is available. */
export function take(
  bucket: Bucket | undefined,
  limit: Limit,
  now: number,
): { bucket: Bucket; retryAfterS: number } {
  const rate = limit.perMinute / 60_000;
  const current = bucket ?? { tokens: limit.burst, at: now };
  const tokens = Math.min(limit.burst, current.tokens + (now - current.at) * rate);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, retryAfterS: 0 };
  return { bucket: { tokens, at: now }, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / rate / 1000)) };
}
