import { cosineSimilarity } from '@veneer/shared/models';
import type { RedisConnection } from '../queue/redis-connection.ts';

/** How long an image embedding is kept after it was last computed. */
export const EMBEDDING_TTL_S = 30 * 24 * 3600;
/** Most embeddings one search compares (a brute-force scan; see searchSimilar). */
export const MAX_SEARCHED = 200_000;

export interface SimilarImage {
  sha256: string;
  similarity: number;
}

/**
 * Image embeddings in Redis by model and sha256 of the image bytes (Float32 little-endian, with a
 * TTL), shared by every node: the same picture is embedded once, and "images like this one" can be
 * found among every image embedded before.
 */
export class EmbeddingStore {
  private readonly redis: RedisConnection;
  private readonly prefix: string;

  constructor(redis: RedisConnection, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private key(model: string, sha256: string) {
    return `${this.prefix}:embedding:${model}:${sha256}`;
  }

  private index(model: string) {
    return `${this.prefix}:embedding-index:${model}`;
  }

  async get(model: string, sha256: string): Promise<Float32Array | null> {
    const stored = await this.redis.getBuffer(this.key(model, sha256));
    return stored
      ? new Float32Array(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength))
      : null;
  }

  async set(model: string, sha256: string, vector: Float32Array): Promise<void> {
    await this.redis
      .multi()
      .set(
        this.key(model, sha256),
        Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
        'EX',
        EMBEDDING_TTL_S,
      )
      .zadd(this.index(model), Date.now(), sha256)
      .exec();
  }

  /**
   * The stored images among `within` most similar to `vector`, best first; without `within`, among
   * every image (operators' tools only: a user's search always names its images). A brute-force
   * scan of at most MAX_SEARCHED embeddings: exact, and fast enough for a node's cache (about 100k
   * vectors a second); a vector index (Redis Stack, pgvector) is the next step when outgrown.
   */
  async searchSimilar(
    model: string,
    vector: ArrayLike<number>,
    { limit, minSimilarity, within }: { limit: number; minSimilarity: number; within?: readonly string[] },
  ): Promise<SimilarImage[]> {
    const index = this.index(model);
    await this.redis.zremrangebyscore(index, 0, Date.now() - EMBEDDING_TTL_S * 1000);
    const members = within
      ? [...new Set(within)].slice(0, MAX_SEARCHED)
      : await this.redis.zrevrange(index, 0, MAX_SEARCHED - 1);
    const found: SimilarImage[] = [];
    for (let start = 0; start < members.length; start += 1000) {
      const chunk = members.slice(start, start + 1000);
      const vectors = await this.redis.mgetBuffer(...chunk.map((sha) => this.key(model, sha)));
      vectors.forEach((stored, i) => {
        if (!stored) return;
        const other = new Float32Array(
          stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength),
        );
        const similarity = cosineSimilarity(vector, other);
        if (similarity >= minSimilarity) found.push({ sha256: chunk[i]!, similarity });
      });
    }
    return found.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}
