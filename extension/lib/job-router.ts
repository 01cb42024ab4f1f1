import type { ServerFrame } from '@veneer/shared/protocol';

export interface JobRoute {
  tabId: number;
  frameId: number;
  clientRef: string;
}

type Outcome = Extract<ServerFrame, { kind: 'done' | 'failed' }>;

/**
 * Remembers which tab asked for which job, so a pushed result goes back to that tab only.
 * A result can arrive before the job's 202 has been read; such early results wait here briefly.
 */
export class JobRouter {
  private readonly routes = new Map<string, { route: JobRoute; at: number }>();
  private readonly early = new Map<string, { frame: Outcome; at: number }>();
  private readonly ttlMs: number;
  private readonly deliver: (route: JobRoute, frame: Outcome) => void;

  constructor(deliver: (route: JobRoute, frame: Outcome) => void, ttlMs = 10 * 60_000) {
    this.deliver = deliver;
    this.ttlMs = ttlMs;
  }

  track(jobId: string, route: JobRoute, now = Date.now()): void {
    this.prune(now);
    const waiting = this.early.get(jobId);
    if (waiting) {
      this.early.delete(jobId);
      this.deliver(route, waiting.frame);
      return;
    }
    this.routes.set(jobId, { route, at: now });
  }

  /** Returns true when the frame was for a known job. */
  route(frame: ServerFrame, now = Date.now()): boolean {
    if (frame.kind !== 'done' && frame.kind !== 'failed') return false;
    const tracked = this.routes.get(frame.jobId);
    if (!tracked) {
      this.early.set(frame.jobId, { frame, at: now });
      return false;
    }
    this.routes.delete(frame.jobId);
    this.deliver(tracked.route, frame);
    return true;
  }

  /** Jobs whose tab closed or navigated away. */
  forgetTab(tabId: number): void {
    for (const [jobId, { route }] of this.routes) if (route.tabId === tabId) this.routes.delete(jobId);
  }

  private prune(now: number): void {
    for (const [jobId, { at }] of this.routes) if (now - at > this.ttlMs) this.routes.delete(jobId);
    for (const [jobId, entry] of this.early) if (now - entry.at > 60_000) this.early.delete(jobId);
  }
}
