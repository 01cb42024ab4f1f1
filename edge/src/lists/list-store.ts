import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';

/** One version of a shared filter list: the document GET serves, as stored. */
export interface StoredListVersion {
  version: number;
  /** The list document (JSON, with `veneer`, `title`, `updated`, `version`, `filters`). */
  body: string;
  publishedAt: number;
}

/**
 * One shared filter list (a Durable Object per list id): its versions, each kept as published
 * (immutable), and its owner as a keyed hash (never the user id: the list holds no user id, and
 * the hash cannot be turned back into one without the edge's secret).
 */
export class ListStore extends DurableObject<Env> {
  private readonly sql = this.ctx.storage.sql;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql.exec('CREATE TABLE IF NOT EXISTS owner (hash TEXT NOT NULL)');
    this.sql.exec(`CREATE TABLE IF NOT EXISTS versions (
      version INTEGER PRIMARY KEY, body TEXT NOT NULL, published_at INTEGER NOT NULL)`);
  }

  /** Makes the list with its first version; false when the id is taken. */
  async create(ownerHash: string, documentWithoutVersion: string): Promise<boolean> {
    if (this.ownerHash() !== null) return false;
    this.sql.exec('INSERT INTO owner (hash) VALUES (?)', ownerHash);
    this.insert(1, documentWithoutVersion);
    return true;
  }

  /** A new version, by its owner only. */
  async publish(
    ownerHash: string,
    documentWithoutVersion: string,
  ): Promise<{ version: number } | { refused: 'unknown' | 'not-owner' }> {
    const owner = this.ownerHash();
    if (owner === null) return { refused: 'unknown' };
    if (owner !== ownerHash) return { refused: 'not-owner' };
    const version = (this.latestVersion() ?? 0) + 1;
    this.insert(version, documentWithoutVersion);
    return { version };
  }

  /** The newest version, or the one asked for; null when there is none. */
  async read(version?: number): Promise<StoredListVersion | null> {
    const [row] = (
      version === undefined
        ? this.sql.exec<{ version: number; body: string; published_at: number }>(
            'SELECT version, body, published_at FROM versions ORDER BY version DESC LIMIT 1',
          )
        : this.sql.exec<{ version: number; body: string; published_at: number }>(
            'SELECT version, body, published_at FROM versions WHERE version = ?',
            version,
          )
    ).toArray();
    return row ? { version: row.version, body: row.body, publishedAt: row.published_at } : null;
  }

  private insert(version: number, documentWithoutVersion: string): void {
    const document = { ...JSON.parse(documentWithoutVersion), version, updated: new Date().toISOString() };
    this.sql.exec(
      'INSERT INTO versions (version, body, published_at) VALUES (?, ?, ?)',
      version,
      JSON.stringify(document),
      Date.now(),
    );
  }

  private ownerHash(): string | null {
    const [row] = this.sql.exec<{ hash: string }>('SELECT hash FROM owner LIMIT 1').toArray();
    return row?.hash ?? null;
  }

  private latestVersion(): number | null {
    const [row] = this.sql
      .exec<{ version: number }>('SELECT MAX(version) AS version FROM versions')
      .toArray();
    return row?.version ?? null;
  }
}
