import { ROUTE_GROUPS } from '../../edge/src/limits/rate-limits.ts';

/**
 * Rate limits high enough that generated load reaches the routes' own checks (the limiter is
 * tested on its own in edge/src/limits): every group, per user and per address.
 */
const HIGH = { perMinute: 10_000_000, burst: 1_000_000 };
const GROUPS = ROUTE_GROUPS;
export const RATE_LIMITS_FOR_LOAD = {
  user: Object.fromEntries(GROUPS.map((group) => [group, HIGH])),
  ip: Object.fromEntries(GROUPS.map((group) => [group, HIGH])),
};
