import { DurableObject } from 'cloudflare:workers';
import type { JobFrame, ResultCallback } from '@veneer/shared/protocol';
import { SIGNATURE_TOLERANCE_S } from '@veneer/shared/signing';
import type { Env } from '../env.ts';
import { userHub } from '../stubs.ts';

/** A known result answers the same job for this long without any inference node. */
export const RESULT_TTL_MS = 24 * 60 * 60 * 1000;
/** A failure is remembered briefly (a broken image stays broken), then the job may run again. */
export const FAILURE_TTL_MS = 5 * 60 * 1000;
/** A forwarded job with no outcome after this long is forwarded again (its node may have died). */
export const FORWARD_STALE_MS = 2 * 60 * 1000;
/**
 * A forward under way (asked by a request of this object's own process) makes others wait this
 * long at most: the edge's forward gives up after 10 s, so past this the request is gone.
 */
export const FORWARD_LEASE_MS = 15 * 1000;

type Outcome = Extract<JobFrame, { kind: 'done' | 'failed' }>;

/**
 * Most subrequests one invocation makes while delivering a frame (Workers allow 1,000 on the paid
 * plan): past this many waiters, delivery goes through a tree of fan-out objects, each calling at
 * most this many user hubs or children.
 */
export const FANOUT_WIDTH = 250;
/** Waiters are rows of their own (`waiter:<userId>`), not one stored value (128 KiB at most). */
const WAITER = 'waiter:';

interface JobState {
  /** Only in state written before waiters became rows: moved to rows when read. */
  waiters?: string[];
  forwardedAt: number | null;
  outcome: Outcome | null;
  outcomeAt: number | null;
}

export type JoinDecision = { action: 'forward' } | { action: 'wait' } | { action: 'known'; frame: Outcome };

export type RecordOutcome = { replayed: true } | { replayed: false; frame: JobFrame; delivered: number };

/**
 * One per job id (derived from the job's content). It knows which users wait for the job (a row
 * each), makes sure the job is forwarded to an inference node once however many users ask, keeps
 * the outcome as the result cache, refuses a callback whose nonce it has already seen, and delivers
 * each frame to every waiter: itself for a few, through a tree of fan-out objects (instances of this
 * class named after the job, holding nothing) for many, no invocation calling more than
 * FANOUT_WIDTH others.
 */
export class JobCoordinator extends DurableObject<Env> {
  /**
   * When a request was told to forward the job, until it says the node took it (`forwarded`). In
   * memory only: if the edge restarts meanwhile, that request is gone, and the next one to join
   * forwards again (a node takes the same job id once) instead of waiting for a forward that
   * never happened.
   */
  private forwarding: number | null = null;

  async join(userId: string, now = Date.now()): Promise<JoinDecision> {
    const state = await this.state();
    if (state.outcome && state.outcomeAt && now - state.outcomeAt < ttlOf(state.outcome)) {
      return { action: 'known', frame: state.outcome };
    }
    await this.ctx.storage.put(`${WAITER}${userId}`, 1);
    const underWay = this.forwarding !== null && now - this.forwarding < FORWARD_LEASE_MS;
    const forward =
      !underWay &&
      (state.forwardedAt === null || now - state.forwardedAt > FORWARD_STALE_MS || state.outcome !== null);
    if (forward) {
      this.forwarding = now;
      state.outcome = null;
      state.outcomeAt = null;
    }
    await this.save(state);
    return forward ? { action: 'forward' } : { action: 'wait' };
  }

  /** An inference node took the job: others who ask now wait for its outcome. */
  async forwarded(now = Date.now()): Promise<void> {
    const state = await this.state();
    state.forwardedAt = now;
    this.forwarding = null;
    await this.save(state);
  }

  /**
   * Forwarding failed everywhere: the next request forwards again; every waiter gets `frame` (the
   * failure) and stops waiting. Returns how many there were.
   */
  async forwardFailed(jobId: string, frame: JobFrame): Promise<number> {
    const state = await this.state();
    state.forwardedAt = null;
    this.forwarding = null;
    await this.save(state);
    return this.deliverToWaiters(jobId, frame, `${jobId}@forward-failed@${Date.now()}`);
  }

  async record(callback: ResultCallback, nonce: string, now = Date.now()): Promise<RecordOutcome> {
    const nonceKey = `nonce:${nonce}`;
    if ((await this.ctx.storage.get(nonceKey)) !== undefined) return { replayed: true };
    await this.ctx.storage.put(nonceKey, now);
    const state = await this.state();
    if (callback.status === 'running') {
      const frame: JobFrame = { kind: 'running', jobId: callback.jobId, progress: callback.progress };
      return { replayed: false, frame, delivered: await this.deliverToWaiters(callback.jobId, frame) };
    }
    const frame: Outcome =
      callback.status === 'done'
        ? { kind: 'done', jobId: callback.jobId, result: callback.result }
        : { kind: 'failed', jobId: callback.jobId, error: callback.error };
    // The same outcome again while it is still known: the node retrying a callback whose delivery
    // was cut short. It keeps its time, so it is the same delivery to the hubs that took it.
    const repeat =
      state.outcome?.kind === frame.kind &&
      state.outcomeAt !== null &&
      now - state.outcomeAt < ttlOf(state.outcome);
    if (!repeat) {
      state.outcome = frame;
      state.outcomeAt = now;
      await this.save(state);
      await this.ctx.storage.setAlarm(now + ttlOf(frame));
    }
    const deliveryId = `${callback.jobId}@${state.outcomeAt}`;
    return {
      replayed: false,
      frame,
      delivered: await this.deliverToWaiters(callback.jobId, frame, deliveryId),
    };
  }

  /**
   * Sends `frame` to every waiter and, with an outcome, forgets them once it has reached them all
   * (anyone asking meanwhile is answered by the stored outcome instead). A delivery cut short (the
   * edge restarted, a hub failed) keeps every waiter, so the node's retry of its callback delivers
   * again; the user hubs drop an outcome they already hold, so each user still gets it once.
   */
  private async deliverToWaiters(jobId: string, frame: JobFrame, deliveryId?: string): Promise<number> {
    const waiters = [...(await this.ctx.storage.list({ prefix: WAITER })).keys()].map((key) =>
      key.slice(WAITER.length),
    );
    await fanOut(this.env, { jobId, path: 'root', userIds: waiters, frame, deliveryId });
    if (deliveryId !== undefined)
      for (let at = 0; at < waiters.length; at += 128)
        await this.ctx.storage.delete(waiters.slice(at, at + 128).map((userId) => `${WAITER}${userId}`));
    return waiters.length;
  }

  /** A fan-out object's part: `userIds` get `frame`, directly or through children of its own. */
  async fanOutPart(part: FanOutPart): Promise<void> {
    await fanOut(this.env, part);
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
    const state = (await this.ctx.storage.get<JobState>('state')) ?? {
      forwardedAt: null,
      outcome: null,
      outcomeAt: null,
    };
    // State written before waiters were rows: its waiters become rows.
    if (state.waiters?.length) {
      for (const userId of state.waiters) await this.ctx.storage.put(`${WAITER}${userId}`, 1);
      delete state.waiters;
      await this.ctx.storage.put('state', state);
    }
    return state;
  }

  private async save(state: JobState): Promise<void> {
    await this.ctx.storage.put('state', state);
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + Math.max(RESULT_TTL_MS, SIGNATURE_TOLERANCE_S * 2000));
    }
  }
}

/** One part of a delivery: `frame` for `userIds`, at `path` in the job's fan-out tree. */
export interface FanOutPart {
  jobId: string;
  path: string;
  userIds: string[];
  frame: JobFrame;
  /** Names an outcome's delivery, so a hub taking it a second time (a retry) drops it. */
  deliveryId?: string;
}

/**
 * Delivers `frame` to `userIds`: each user's hub directly when they are few (FANOUT_WIDTH or
 * fewer), else split into at most FANOUT_WIDTH parts handed to fan-out objects of their own (one
 * subrequest each), which do the same with their part. Depth grows with the log of the count
 * (10,000 waiters: 40 parts of 250); no invocation calls more than FANOUT_WIDTH others.
 */
export async function fanOut(
  env: Env,
  { jobId, path, userIds, frame, deliveryId }: FanOutPart,
): Promise<void> {
  const width = Number(env.FANOUT_WIDTH) || FANOUT_WIDTH;
  if (userIds.length <= width) {
    await Promise.all(userIds.map((userId) => userHub(env, userId).deliver([frame], deliveryId)));
    return;
  }
  const size = Math.max(width, Math.ceil(userIds.length / width));
  const parts: string[][] = [];
  for (let at = 0; at < userIds.length; at += size) parts.push(userIds.slice(at, at + size));
  await Promise.all(
    parts.map((part, i) => {
      const child = `${path}.${i}`;
      return env.JOBS.get(env.JOBS.idFromName(`${jobId}#fanout#${child}`)).fanOutPart({
        jobId,
        path: child,
        userIds: part,
        frame,
        deliveryId,
      });
    }),
  );
}

const ttlOf = (outcome: Outcome) => (outcome.kind === 'done' ? RESULT_TTL_MS : FAILURE_TTL_MS);
