import type { ServerFrame } from '@veneer/shared/protocol';
import { describe, expect, it } from 'vitest';
import { type JobRoute, JobRouter } from './job-router.ts';

const done = (jobId: string): ServerFrame => ({
  kind: 'done',
  jobId,
  result: { type: 'faces', model: 'm', width: 1, height: 1, faces: [] },
});

function recorder() {
  const delivered: Array<[JobRoute, string]> = [];
  const router = new JobRouter((route, frame) => delivered.push([route, frame.jobId]));
  return { delivered, router };
}

describe('JobRouter', () => {
  it('delivers a result to the tab that asked, once', () => {
    const { delivered, router } = recorder();
    router.track('j1', { tabId: 3, frameId: 0, clientRef: 'c1' });
    expect(router.route(done('j1'))).toBe(true);
    expect(router.route(done('j1'))).toBe(false);
    expect(delivered).toEqual([[{ tabId: 3, frameId: 0, clientRef: 'c1' }, 'j1']]);
  });

  it('holds a result that arrives before its job is tracked', () => {
    const { delivered, router } = recorder();
    router.route(done('j2'));
    expect(delivered).toEqual([]);
    router.track('j2', { tabId: 4, frameId: 0, clientRef: 'c2' });
    expect(delivered).toEqual([[{ tabId: 4, frameId: 0, clientRef: 'c2' }, 'j2']]);
  });

  it('ignores hello frames and forgets closed tabs', () => {
    const { delivered, router } = recorder();
    expect(router.route({ kind: 'hello', userId: 'u' })).toBe(false);
    router.track('j3', { tabId: 5, frameId: 0, clientRef: 'c3' });
    router.forgetTab(5);
    router.route(done('j3'));
    expect(delivered).toEqual([]);
  });

  it('drops routes older than its time limit', () => {
    const { delivered, router } = recorder();
    router.track('old', { tabId: 1, frameId: 0, clientRef: 'c' }, 0);
    router.track('new', { tabId: 1, frameId: 0, clientRef: 'd' }, 11 * 60_000);
    router.route(done('old'), 11 * 60_000);
    expect(delivered).toEqual([]);
  });
});
