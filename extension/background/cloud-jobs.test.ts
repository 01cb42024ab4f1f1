import { describe, expect, it, vi } from 'vitest';
import { EdgeError } from '../lib/edge-api.ts';
import type { Session } from '../lib/storage-keys.ts';
import { type CloudDeps, CloudJobs, CloudUnavailable } from './cloud-jobs.ts';

const session: Session = { edgeUrl: 'https://edge.test', userId: 'u', token: 't', expiresAt: 1e10 };
const route = { tabId: 3, frameId: 0, clientRef: 'c1' };
const job = { type: 'ocr' as const, image: { kind: 'url' as const, url: 'https://i.test/a.png' } };

/** A fake edge that answers each submission in turn from `answers` (a job id, or an error to throw). */
function fakeCloud(answers: Array<string | Error>) {
  const deps = {
    ensureSession: vi.fn(async () => session),
    forgetSession: vi.fn(async () => {}),
    openPush: vi.fn(async () => {}),
    track: vi.fn(),
    onError: vi.fn(),
    submit: vi.fn(async () => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return { jobId: next };
    }),
  } satisfies CloudDeps;
  return { deps, cloud: new CloudJobs(deps) };
}

describe('CloudJobs', () => {
  it('submits the job and routes its frames to the page that asked', async () => {
    const { deps, cloud } = fakeCloud(['job-1']);
    expect(await cloud.submit(job, route)).toBe('job-1');
    expect(deps.openPush).toHaveBeenCalledWith(session);
    expect(deps.track).toHaveBeenCalledWith('job-1', route);
  });

  it('registers again once when the token is refused', async () => {
    const { deps, cloud } = fakeCloud([new EdgeError(401, 'unauthorized', 'bad token'), 'job-2']);
    expect(await cloud.submit(job, route)).toBe('job-2');
    expect(deps.forgetSession).toHaveBeenCalledTimes(1);
    const twice = fakeCloud([new EdgeError(401, 'u', 'no'), new EdgeError(401, 'u', 'no')]);
    await expect(twice.cloud.submit(job, route)).rejects.toThrow('refused this install');
  });

  it('says the cloud is unavailable (so the caller may work on the device) when the edge cannot be reached or has no node', async () => {
    for (const error of [
      new EdgeError(0, 'edge_unreachable', 'offline'),
      new EdgeError(503, 'no_nodes', 'busy'),
    ]) {
      const { cloud, deps } = fakeCloud([error]);
      await expect(cloud.submit(job, route)).rejects.toBeInstanceOf(CloudUnavailable);
      expect(cloud.onDevice).toContain('checked on this device');
      expect(deps.onError).toHaveBeenCalledWith(error.message);
    }
  });

  it("passes the edge's refusal of a bad job on, with its message", async () => {
    const { cloud } = fakeCloud([new EdgeError(400, 'invalid_image', 'the image is too large')]);
    await expect(cloud.submit(job, route)).rejects.toThrow('the image is too large');
  });
});
