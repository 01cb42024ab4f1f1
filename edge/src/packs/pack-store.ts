import { DurableObject } from 'cloudflare:workers';
import type { SignedPack } from '@veneer/shared/packs';
import type { Env } from '../env.ts';

export interface StoredPack extends SignedPack {
  version: number;
  /** Changes with the pack: the ETag of GET /v1/packs/:adapter. */
  etag: string;
}

/** Counts of anonymous breakage reports, by adapter and pack version. */
export interface BreakageCounts {
  reports: number;
  pages: number;
  pagesWithoutPosts: number;
  posts: number;
  emptyText: number;
  emptyAuthor: number;
  lastAt: number;
}

/**
 * The selector packs the edge serves (one Durable Object for all: a handful of small packs, read
 * far more often than written, and cached in front), and the breakage reports users sent, as
 * counts only (no address, no user, no content).
 */
export class PackStore extends DurableObject<Env> {
  private readonly sql = this.ctx.storage.sql;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS packs (
      adapter TEXT PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL, signature TEXT NOT NULL, etag TEXT NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS breakage (
      adapter TEXT NOT NULL, version INTEGER NOT NULL, reports INTEGER NOT NULL, pages INTEGER NOT NULL,
      pages_without_posts INTEGER NOT NULL, posts INTEGER NOT NULL, empty_text INTEGER NOT NULL,
      empty_author INTEGER NOT NULL, last_at INTEGER NOT NULL, PRIMARY KEY (adapter, version))`);
  }

  async get(adapter: string): Promise<StoredPack | null> {
    const [row] = this.sql
      .exec<{ version: number; payload: string; signature: string; etag: string }>(
        'SELECT version, payload, signature, etag FROM packs WHERE adapter = ?',
        adapter,
      )
      .toArray();
    return row ? { ...row } : null;
  }

  /** Stores a newer pack; a version at or below the stored one is refused with the stored version. */
  async put(
    adapter: string,
    version: number,
    pack: SignedPack,
  ): Promise<{ stored: true } | { current: number }> {
    const current = await this.get(adapter);
    if (current && current.version >= version) return { current: current.version };
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pack.payload));
    const etag = `"${version}-${[...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
    this.sql.exec(
      'INSERT OR REPLACE INTO packs (adapter, version, payload, signature, etag) VALUES (?, ?, ?, ?, ?)',
      adapter,
      version,
      pack.payload,
      pack.signature,
      etag,
    );
    return { stored: true };
  }

  async report(
    adapter: string,
    version: number,
    counts: Omit<BreakageCounts, 'reports' | 'lastAt'>,
  ): Promise<void> {
    this.sql.exec(
      `INSERT INTO breakage VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (adapter, version) DO UPDATE SET reports = reports + 1, pages = pages + excluded.pages,
       pages_without_posts = pages_without_posts + excluded.pages_without_posts, posts = posts + excluded.posts,
       empty_text = empty_text + excluded.empty_text, empty_author = empty_author + excluded.empty_author,
       last_at = excluded.last_at`,
      adapter,
      version,
      counts.pages,
      counts.pagesWithoutPosts,
      counts.posts,
      counts.emptyText,
      counts.emptyAuthor,
      Date.now(),
    );
  }

  async breakage(): Promise<Array<{ adapter: string; version: number } & BreakageCounts>> {
    return this.sql
      .exec<Record<string, number | string>>('SELECT * FROM breakage ORDER BY last_at DESC')
      .toArray()
      .map((r) => ({
        adapter: String(r.adapter),
        version: Number(r.version),
        reports: Number(r.reports),
        pages: Number(r.pages),
        pagesWithoutPosts: Number(r.pages_without_posts),
        posts: Number(r.posts),
        emptyText: Number(r.empty_text),
        emptyAuthor: Number(r.empty_author),
        lastAt: Number(r.last_at),
      }));
  }
}
