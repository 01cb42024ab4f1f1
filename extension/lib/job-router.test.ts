import type { JobFrame } from '@veneer/shared/protocol';
import { describe, expect, it } from 'vitest';
import { type JobRoute, JobRouter } from './job-router.ts';

const done = (jobId: string): JobFrame => ({
  kind: 'done',
  jobId,
  result: { type: 'faces', model: 'm', width: 1, height: 1, faces: [] },
});
const queued = (jobId: string): JobFrame => ({ kind: 'queued', jobId });

function recorder() {
  const delivered: Array<[string, string, string]> = [];
  const router = new JobRouter((route, frame) => delivered.push([route.clientRef, frame.kind, frame.jobId]));
  return { delivered, router };
}
const route = (clientRef: string, tabId = 1): JobRoute => ({ tabId, frameId: 0, clientRef });

describe('JobRouter', () => {
  it('delivers each frame to the tab that asked, and stops after the outcome', () => {
    const { delivered, router } = recorder();
    router.track('j1', route('c1'));
    router.route(queued('j1'));
    router.route(done('j1'));
    router.route(done('j1'));
    expect(delivered).toEqual([
      ['c1', 'queued', 'j1'],
      ['c1', 'done', 'j1'],
    ]);
  });

  it('serves two images of the same job', () => {
    const { delivered, router } = recorder();
    router.track('j2', route('first'));
    router.track('j2', route('second'));
    expect(router.route(done('j2'))).toBe(2);
    expect(delivered.map((d) => d[0])).toEqual(['first', 'second']);
  });

  it('hands frames that arrived before the job was tracked to the route, in order', () => {
    const { delivered, router } = recorder();
    router.route(queued('j3'));
    router.route(done('j3'));
    router.track('j3', route('late'));
    expect(delivered).toEqual([
      ['late', 'queued', 'j3'],
      ['late', 'done', 'j3'],
    ]);
    router.route(done('j3'));
    expect(delivered).toHaveLength(2);
  });

  it('forgets closed tabs and routes older than its time limit', () => {
    const { delivered, router } = recorder();
    router.track('j4', route('gone', 5));
    router.forgetTab(5);
    router.route(done('j4'));
    router.track('old', route('o'), 0);
    router.track('new', route('n'), 11 * 60_000);
    router.route(done('old'), 11 * 60_000);
    expect(delivered).toEqual([]);
  });
});
