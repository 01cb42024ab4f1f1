import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { JobQueues, QueueUnavailable } from './job-queue.ts';

const JOB = {
  jobId: 'job-1',
  job: { type: 'faces', image: { kind: 'url', url: 'https://i.redd.it/a.jpg' } },
} as const;

describe('JobQueues.enqueue', () => {
  it('refuses at once while the Redis connection is not ready (no command waits for it)', async () => {
    for (const status of ['connecting', 'reconnecting', 'end', 'close'] as const) {
      const fakeConnection = { status } as unknown as Redis;
      await expect(new JobQueues(fakeConnection, 'veneer').enqueue(JOB as never)).rejects.toBeInstanceOf(
        QueueUnavailable,
      );
    }
  });
});
