import { createHash } from 'node:crypto';
import { type JobResult, JobResultSchema } from '@veneer/shared/protocol';
import type { RedisConnection } from './redis-connection.ts';

/** How long a result is kept: the same image is not processed twice within it. */
export const RESULT_CACHE_TTL_S = 7 * 24 * 3600;

export const contentHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Results by model and image content (sha256 of the bytes), in Redis with a TTL, shared by every
 * node on that Redis: two URLs of the same picture, or the same upload, are inferred once.
 */
export class ResultCache {
  private readonly redis: RedisConnection;
  private readonly prefix: string;

  constructor(redis: RedisConnection, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private key(model: string, sha256: string) {
    return `${this.prefix}:result:${model}:${sha256}`;
  }

  async get(model: string, sha256: string): Promise<JobResult | null> {
    const stored = await this.redis.get(this.key(model, sha256));
    if (!stored) return null;
    const parsed = JobResultSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  }

  async set(model: string, sha256: string, result: JobResult): Promise<void> {
    await this.redis.set(this.key(model, sha256), JSON.stringify(result), 'EX', RESULT_CACHE_TTL_S);
  }
}
