import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { type Bucket, type Limit, take } from './rate-limits.ts';

/** Per-IP buckets, sharded over a few objects by the address. Kept in memory: a reset on eviction is harmless. */
export class IpLimiter extends DurableObject<Env> {
  private readonly buckets = new Map<string, Bucket>();

  async take(key: string, limit: Limit): Promise<number> {
    const { bucket, retryAfterS } = take(this.buckets.get(key), limit, Date.now());
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) {
      const stale = Date.now() - 10 * 60_000;
      for (const [k, b] of this.buckets) if (b.at < stale) this.buckets.delete(k);
    }
    return retryAfterS;
  }
}

export function ipShard(ip: string): string {
  let hash = 0;
  for (const char of ip) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `ip-shard-${Math.abs(hash) % 16}`;
}
