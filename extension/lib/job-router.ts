import type { JobFrame } from '@veneer/shared/protocol';

export interface JobRoute {
  tabId: number;
  frameId: number;
  clientRef: string;
  /** The asker is one of the extension's own pages (the thumbnail lab), not a content script. */
  extensionPage?: boolean;
}

const isFinal = (frame: JobFrame) => frame.kind === 'done' || frame.kind === 'failed';

/**
 * Remembers which tabs asked for which job, so each pushed frame goes to exactly those tabs.
 * Jobs are named by content, so two images with the same address are one job with two routes.
 * Frames can arrive before the job's HTTP answer has been read; recent frames are kept briefly
 * and handed to a route when it is tracked.
 */
export class JobRouter {
  private readonly routes = new Map<string, { routes: JobRoute[]; at: number }>();
  private readonly recent = new Map<string, { frames: JobFrame[]; at: number }>();
  private readonly deliver: (route: JobRoute, frame: JobFrame) => void;
  private readonly ttlMs: number;

  constructor(deliver: (route: JobRoute, frame: JobFrame) => void, ttlMs = 10 * 60_000) {
    this.deliver = deliver;
    this.ttlMs = ttlMs;
  }

  track(jobId: string, route: JobRoute, now = Date.now()): void {
    this.prune(now);
    const earlier = this.recent.get(jobId)?.frames ?? [];
    for (const frame of earlier) this.deliver(route, frame);
    if (earlier.some(isFinal)) return;
    const entry = this.routes.get(jobId) ?? { routes: [], at: now };
    entry.routes.push(route);
    this.routes.set(jobId, entry);
  }

  /** Returns how many routes the frame went to. */
  route(frame: JobFrame, now = Date.now()): number {
    const recent = this.recent.get(frame.jobId) ?? { frames: [], at: now };
    recent.frames.push(frame);
    recent.at = now;
    this.recent.set(frame.jobId, recent);
    const entry = this.routes.get(frame.jobId);
    if (!entry) return 0;
    for (const route of entry.routes) this.deliver(route, frame);
    if (isFinal(frame)) this.routes.delete(frame.jobId);
    return entry.routes.length;
  }

  /** Jobs whose tab closed or navigated away. */
  forgetTab(tabId: number): void {
    for (const [jobId, entry] of this.routes) {
      entry.routes = entry.routes.filter((r) => r.tabId !== tabId);
      if (entry.routes.length === 0) this.routes.delete(jobId);
    }
  }

  private prune(now: number): void {
    for (const [jobId, { at }] of this.routes) if (now - at > this.ttlMs) this.routes.delete(jobId);
    for (const [jobId, { at }] of this.recent) if (now - at > 60_000) this.recent.delete(jobId);
  }
}
