import { describe, expect, it } from 'vitest';
import { type Bucket, limitsFrom, take } from './rate-limits.ts';

describe('token bucket', () => {
  it('allows a burst, then one per refill interval, and says how long to wait', () => {
    const limit = { perMinute: 60, burst: 3 };
    let bucket: Bucket | undefined;
    for (let i = 0; i < 3; i++) {
      const step = take(bucket, limit, 0);
      expect(step.retryAfterS).toBe(0);
      bucket = step.bucket;
    }
    const refused = take(bucket, limit, 0);
    expect(refused.retryAfterS).toBe(1);
    expect(take(refused.bucket, limit, 1000).retryAfterS).toBe(0);
  });

  it('takes overrides from RATE_LIMITS', () => {
    const limits = limitsFrom('{"ip":{"register":{"perMinute":1,"burst":1}}}');
    expect(limits.ip.register).toEqual({ perMinute: 1, burst: 1 });
    expect(limits.ip.jobs).toEqual({ perMinute: 1200, burst: 240 });
  });
});
