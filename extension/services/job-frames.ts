import type { JobFrame, JobResult } from '@veneer/shared/protocol';
import { jobFrameMessenger } from './protocol.ts';

type Listener = (frame: JobFrame) => void;
const listeners = new Map<string, Listener>();
let listening = false;

/**
 * Calls `listener` with each frame the background routes to this page for `clientRef` (queued,
 * running, done, failed) until the job's outcome. One message listener per page serves all.
 */
export function onJobFrames(clientRef: string, listener: Listener): () => void {
  if (!listening) {
    listening = true;
    jobFrameMessenger.onMessage('jobFrame', ({ data }) => {
      const forJob = listeners.get(data.clientRef);
      if (!forJob) return;
      if (data.frame.kind === 'done' || data.frame.kind === 'failed') listeners.delete(data.clientRef);
      forJob(data.frame);
    });
  }
  listeners.set(clientRef, listener);
  return () => listeners.delete(clientRef);
}

/**
 * A cloud job's outcome, asked for by `submit` (which gets the `clientRef` to name it with):
 * resolves with its result, rejects with its failure; `onProgress` hears queued and running.
 */
export function runCloudJob(
  submit: (clientRef: string) => Promise<unknown>,
  onProgress?: (progress: number | null) => void,
): Promise<JobResult> {
  const clientRef = crypto.randomUUID();
  return new Promise<JobResult>((resolve, reject) => {
    const stop = onJobFrames(clientRef, (frame) => {
      if (frame.kind === 'done') resolve(frame.result);
      else if (frame.kind === 'failed') reject(new Error(frame.error.message));
      else onProgress?.(frame.kind === 'running' ? (frame.progress ?? null) : null);
    });
    submit(clientRef).catch((error: unknown) => {
      stop();
      reject(error);
    });
  });
}
