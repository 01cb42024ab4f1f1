import { EdgeError, refreshToken, register } from '../lib/edge-api.ts';
import { loadSession, loadSettings, saveSession } from '../lib/storage.ts';
import { edgeUrlOf, type Session } from '../lib/storage-keys.ts';

/** A token with under this much left is renewed while it still works. */
export const TOKEN_REFRESH_MS = 7 * 24 * 3600 * 1000;

export interface SessionDeps {
  edgeUrl(): Promise<string>;
  load(): Promise<Session | null>;
  save(session: Session | null): Promise<void>;
  register(edgeUrl: string): Promise<Omit<Session, 'edgeUrl'>>;
  refresh(edgeUrl: string, token: string): Promise<Omit<Session, 'edgeUrl'>>;
  now(): number;
}

const realDeps: SessionDeps = {
  edgeUrl: async () => edgeUrlOf(await loadSettings()),
  load: loadSession,
  save: saveSession,
  register,
  refresh: refreshToken,
  now: Date.now,
};

/**
 * This install's anonymous user at the configured edge: registered once, its token renewed
 * while it still works (keeping the user, their synced filters and their pending results), and
 * registered anew only when the token is missing, expired or refused.
 */
export class SessionKeeper {
  private current: Promise<Session> | null = null;

  constructor(private readonly deps: SessionDeps = realDeps) {}

  ensure(): Promise<Session> {
    this.current ??= this.obtain().catch((error: unknown) => {
      this.current = null;
      throw error;
    });
    return this.current;
  }

  /** Drops the session (the server refused it, or the edge changed): the next `ensure` registers. */
  async forget(): Promise<void> {
    this.current = null;
    await this.deps.save(null);
  }

  /** The edge address changed: the next `ensure` works it out again. */
  reset(): void {
    this.current = null;
  }

  private async obtain(): Promise<Session> {
    const edgeUrl = await this.deps.edgeUrl();
    const stored = await this.deps.load();
    const mine = stored?.edgeUrl === edgeUrl ? stored : null;
    const left = mine ? mine.expiresAt * 1000 - this.deps.now() : 0;
    if (mine && left > TOKEN_REFRESH_MS) return mine;
    if (mine && left > 60_000) {
      try {
        return await this.keep({ edgeUrl, ...(await this.deps.refresh(edgeUrl, mine.token)) });
      } catch (error) {
        if (!(error instanceof EdgeError) || error.status !== 401) throw error;
      }
    }
    return this.keep({ edgeUrl, ...(await this.deps.register(edgeUrl)) });
  }

  private async keep(session: Session): Promise<Session> {
    await this.deps.save(session);
    return session;
  }
}

/** `userId@edgeUrl`: whose push position and synced filters these are. */
export const ownerOf = (session: Session) => `${session.userId}@${session.edgeUrl}`;
