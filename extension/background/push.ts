import type { JobFrame } from '@veneer/shared/protocol';
import { socketUrl } from '../lib/edge-api.ts';
import { type JobRoute, JobRouter } from '../lib/job-router.ts';
import { PushSocket, type PushSocketOptions } from '../lib/push-socket.ts';
import { loadPushState, savePushState } from '../lib/storage.ts';
import type { Session } from '../lib/storage-keys.ts';
import { ownerOf } from './session.ts';

export interface PushDeps {
  /** Hands a job's frame to the page that asked for it. */
  deliver(route: JobRoute, frame: JobFrame): void;
  /** The server revoked this install's tokens. */
  onRevoked(): void;
  /** The session whose position a frame advances (none: nothing to persist). */
  session(): Promise<Session | null>;
  /** Makes the socket (a fake in tests). */
  createSocket?: (options: PushSocketOptions) => Pick<PushSocket, 'connect' | 'close' | 'state'>;
}

/**
 * The push socket to the edge and where its frames go: each frame to the pages that asked for
 * its job, and this browser's position persisted (at most once a second) so a restart resumes
 * after the last frame handled.
 */
export class Push {
  readonly router: JobRouter;
  readonly socket: Pick<PushSocket, 'connect' | 'close' | 'state'>;
  private positionTimer: ReturnType<typeof setTimeout> | null = null;
  private position = 0;

  constructor(private readonly deps: PushDeps) {
    this.router = new JobRouter(deps.deliver);
    this.socket = (deps.createSocket ?? ((options) => new PushSocket(options)))({
      onFrame: (frame) => this.router.route(frame),
      onPosition: (seq) => this.persist(seq),
      onRevoked: deps.onRevoked,
    });
  }

  /** Connects as `session` (kept when already connected as it), resuming after its stored position. */
  async open(session: Session): Promise<void> {
    const owner = ownerOf(session);
    const push = await loadPushState(owner);
    this.socket.connect(
      owner,
      (after) => socketUrl(session.edgeUrl, session.token, push.sessionId, after),
      push.lastSeq,
    );
  }

  /** Sends the frames of `jobId` to `route` from now on (and any that came before it was tracked). */
  track(jobId: string, route: JobRoute): void {
    this.router.track(jobId, route);
  }

  private persist(seq: number): void {
    // The newest position, written once a second at most (a replayed frame is dropped as a
    // duplicate anyway, so a position a second old costs nothing but a replay).
    this.position = Math.max(this.position, seq);
    if (this.positionTimer) return;
    this.positionTimer = setTimeout(async () => {
      this.positionTimer = null;
      const session = await this.deps.session();
      if (!session) return;
      const state = await loadPushState(ownerOf(session));
      await savePushState({ ...state, lastSeq: Math.max(state.lastSeq, this.position) });
    }, 1000);
  }
}
