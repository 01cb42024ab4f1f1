import type { JobRequest } from '@veneer/shared/protocol';
import { EdgeError, submitJob } from '../lib/edge-api.ts';
import { t } from '../lib/i18n.ts';
import type { JobRoute } from '../lib/job-router.ts';
import type { Session } from '../lib/storage-keys.ts';

export interface CloudDeps {
  ensureSession(): Promise<Session>;
  forgetSession(): Promise<void>;
  /** Connects the push socket as the session (its frames carry the job's progress). */
  openPush(session: Session): Promise<void>;
  track(jobId: string, route: JobRoute): void;
  /** What went wrong, for the popup. */
  onError(message: string): void;
  submit?: typeof submitJob;
}

/** No inference node can be reached (the edge is down, or has none): the caller may fall back. */
export class CloudUnavailable extends Error {}

/**
 * Cloud jobs for pages: submitted to the edge, their pushed frames routed to the page that asked.
 * A refused token registers again once; an unreachable server is a CloudUnavailable the caller
 * may answer with on-device work.
 */
export class CloudJobs {
  /** Why images are checked on this device right now (the popup says it), or null. */
  onDevice: string | null = null;

  constructor(private readonly deps: CloudDeps) {}

  async submit(job: JobRequest, route: JobRoute): Promise<string> {
    const submit = this.deps.submit ?? submitJob;
    for (let attempt = 0; ; attempt++) {
      try {
        const session = await this.deps.ensureSession();
        await this.deps.openPush(session);
        const { jobId } = await submit(session.edgeUrl, session.token, job);
        this.deps.track(jobId, route);
        this.onDevice = null;
        return jobId;
      } catch (error) {
        if (error instanceof EdgeError && error.status === 401 && attempt === 0) {
          // The token is no longer accepted: register again once.
          await this.deps.forgetSession();
          continue;
        }
        const edgeError =
          error instanceof EdgeError ? error : new EdgeError(0, 'internal', (error as Error).message);
        this.deps.onError(edgeError.message);
        if (edgeError.status === 0 || edgeError.status === 503) {
          this.onDevice = t('status.serverDown');
          throw new CloudUnavailable('the server is unavailable');
        }
        if (edgeError.status === 401) throw new Error('the server refused this install');
        throw edgeError;
      }
    }
  }
}
