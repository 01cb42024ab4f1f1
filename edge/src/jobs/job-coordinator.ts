import { DurableObject } from 'cloudflare:workers';
import type { JobFrame, ResultCallback } from '@veneer/shared/protocol';
import { SIGNATURE_TOLERANCE_S } from '@veneer/shared/signing';
import type { Env } from '../env.ts';

/** A known result answers the same job for this long without any inference node. */
export const RESULT_TTL_MS = 24 * 60 * 60 * 1000;
/** A failure is remembered briefly (a broken image stays broken), then the job may run again. */
export const FAILURE_TTL_MS = 5 * 60 * 1000;
/** A forwarded job with no outcome after this long is forwarded again (its node may have died). */
export const FORWARD_STALE_MS = 2 * 60 * 1000;

type Outcome = Extract<JobFrame, { kind: 'done' | 'failed' }>;

interface JobState {
  waiters: string[];
  forwardedAt: number | null;
  outcome: Outcome | null;
  outcomeAt: number | null;
}

export type JoinDecision = { action: 'forward' } | { action: 'wait' } | { action: 'known'; frame: Outcome };

export type RecordOutcome = { replayed: true } | { replayed: false; frame: JobFrame; waiters: string[] };

/**
 * One per job id (derived from the job's content). It knows which users wait for the job, makes
 * sure the job is forwarded to an inference node once however many users ask, keeps the outcome
 * as the result cache, and refuses a callback whose nonce it has already seen.
 */
export class JobCoordinator extends DurableObject<Env> {
  async join(userId: string, now = Date.now()): Promise<JoinDecision> {
    const state = await this.state();
    if (state.outcome && state.outcomeAt && now - state.outcomeAt < ttlOf(state.outcome)) {
      return { action: 'known', frame: state.outcome };
    }
    if (!state.waiters.includes(userId)) state.waiters.push(userId);
    const forward =
      state.forwardedAt === null || now - state.forwardedAt > FORWARD_STALE_MS || state.outcome !== null;
    if (forward) {
      state.forwardedAt = now;
      state.outcome = null;
      state.outcomeAt = null;
    }
    await this.save(state);
    return forward ? { action: 'forward' } : { action: 'wait' };
  }

  /** Forwarding failed everywhere: the next request forwards again; returns who was waiting. */
  async forwardFailed(): Promise<string[]> {
    const state = await this.state();
    const waiters = state.waiters;
    state.forwardedAt = null;
    state.waiters = [];
    await this.save(state);
    return waiters;
  }

  async record(callback: ResultCallback, nonce: string, now = Date.now()): Promise<RecordOutcome> {
    const nonceKey = `nonce:${nonce}`;
    if ((await this.ctx.storage.get(nonceKey)) !== undefined) return { replayed: true };
    await this.ctx.storage.put(nonceKey, now);
    const state = await this.state();
    if (callback.status === 'running') {
      const frame: JobFrame = { kind: 'running', jobId: callback.jobId, progress: callback.progress };
      return { replayed: false, frame, waiters: state.waiters };
    }
    const frame: Outcome =
      callback.status === 'done'
        ? { kind: 'done', jobId: callback.jobId, result: callback.result }
        : { kind: 'failed', jobId: callback.jobId, error: callback.error };
    const waiters = state.waiters;
    state.outcome = frame;
    state.outcomeAt = now;
    state.waiters = [];
    await this.save(state);
    await this.ctx.storage.setAlarm(now + ttlOf(frame));
    return { replayed: false, frame, waiters };
  }

  override async alarm(): Promise<void> {
    const state = await this.state();
    const now = Date.now();
    if (state.outcome && state.outcomeAt && now - state.outcomeAt < ttlOf(state.outcome)) {
      await this.ctx.storage.setAlarm(state.outcomeAt + ttlOf(state.outcome));
      return;
    }
    // Nonces only matter inside the signature window, long passed by now.
    await this.ctx.storage.deleteAll();
  }

  private async state(): Promise<JobState> {
    return (
      (await this.ctx.storage.get<JobState>('state')) ?? {
        waiters: [],
        forwardedAt: null,
        outcome: null,
        outcomeAt: null,
      }
    );
  }

  private async save(state: JobState): Promise<void> {
    await this.ctx.storage.put('state', state);
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + Math.max(RESULT_TTL_MS, SIGNATURE_TOLERANCE_S * 2000));
    }
  }
}

const ttlOf = (outcome: Outcome) => (outcome.kind === 'done' ? RESULT_TTL_MS : FAILURE_TTL_MS);
