import { describe, expect, it, vi } from 'vitest';
import { EdgeError } from '../lib/edge-api.ts';
import type { Session } from '../lib/storage-keys.ts';
import { type SessionDeps, SessionKeeper } from './session.ts';

const DAY = 24 * 3600 * 1000;
const NOW = 1_800_000_000_000;

/** A fake edge and storage: what was registered, refreshed and saved. */
function fakes(stored: Session | null, overrides: Partial<SessionDeps> = {}) {
  let kept = stored;
  const deps: SessionDeps = {
    edgeUrl: async () => 'https://edge.test',
    load: async () => kept,
    save: async (s) => {
      kept = s;
    },
    register: vi.fn(async () => ({ userId: 'new', token: 't-new', expiresAt: (NOW + 30 * DAY) / 1000 })),
    refresh: vi.fn(async () => ({ userId: 'me', token: 't-fresh', expiresAt: (NOW + 30 * DAY) / 1000 })),
    now: () => NOW,
    ...overrides,
  };
  return { deps, kept: () => kept };
}
const session = (daysLeft: number, edgeUrl = 'https://edge.test'): Session => ({
  edgeUrl,
  userId: 'me',
  token: 't-old',
  expiresAt: (NOW + daysLeft * DAY) / 1000,
});

describe('SessionKeeper', () => {
  it('registers once when there is no session, and shares the answer', async () => {
    const { deps, kept } = fakes(null);
    const keeper = new SessionKeeper(deps);
    const [a, b] = await Promise.all([keeper.ensure(), keeper.ensure()]);
    expect(a).toBe(b);
    expect(deps.register).toHaveBeenCalledTimes(1);
    expect(kept()).toMatchObject({ userId: 'new', edgeUrl: 'https://edge.test' });
  });

  it('keeps a token with more than a week left; renews one with less, keeping the user', async () => {
    const fresh = fakes(session(20));
    expect(await new SessionKeeper(fresh.deps).ensure()).toMatchObject({ token: 't-old' });
    const ageing = fakes(session(3));
    expect(await new SessionKeeper(ageing.deps).ensure()).toMatchObject({ userId: 'me', token: 't-fresh' });
    expect(ageing.deps.register).not.toHaveBeenCalled();
  });

  it('registers anew when the token was refused, expired, or belongs to another edge', async () => {
    const refused = fakes(session(3), {
      refresh: vi.fn(async () => {
        throw new EdgeError(401, 'unauthorized', 'no');
      }),
    });
    expect(await new SessionKeeper(refused.deps).ensure()).toMatchObject({ userId: 'new' });
    const expired = fakes(session(-1));
    expect(await new SessionKeeper(expired.deps).ensure()).toMatchObject({ userId: 'new' });
    const elsewhere = fakes(session(20, 'https://other.test'));
    expect(await new SessionKeeper(elsewhere.deps).ensure()).toMatchObject({ userId: 'new' });
  });

  it('tries again after a failure, and after forget() registers anew', async () => {
    let calls = 0;
    const { deps } = fakes(null, {
      register: vi.fn(async () => {
        if (calls++ === 0) throw new EdgeError(0, 'edge_unreachable', 'offline');
        return { userId: 'later', token: 't', expiresAt: (NOW + 30 * DAY) / 1000 };
      }),
    });
    const keeper = new SessionKeeper(deps);
    await expect(keeper.ensure()).rejects.toThrow('offline');
    expect(await keeper.ensure()).toMatchObject({ userId: 'later' });
    await keeper.forget();
    await keeper.ensure();
    expect(deps.register).toHaveBeenCalledTimes(3);
  });
});
