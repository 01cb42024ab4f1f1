import type { JobType, NodeJob } from '@veneer/shared/protocol';
import { Queue } from 'bullmq';
import type { RedisConnection } from './redis-connection.ts';

export const queueName = (type: JobType) => `jobs-${type}`;

/** How long queueing a job may take before the caller is told to come back (Redis half there). */
export const ENQUEUE_TIMEOUT_MS = 5_000;

/** Redis cannot take the job now (down, restarting, or not answering in time); nothing was queued. */
export class QueueUnavailable extends Error {}

/** Producer side: one BullMQ queue per job type. The edge's job id is the BullMQ id, so a job is queued once. */
export class JobQueues {
  private readonly queues = new Map<JobType, Queue<NodeJob>>();
  private readonly connection: RedisConnection;
  private readonly prefix: string;

  constructor(connection: RedisConnection, prefix: string) {
    this.connection = connection;
    this.prefix = prefix;
  }

  queue(type: JobType): Queue<NodeJob> {
    let queue = this.queues.get(type);
    if (!queue) {
      queue = new Queue<NodeJob>(queueName(type), { connection: this.connection, prefix: this.prefix });
      this.queues.set(type, queue);
    }
    return queue;
  }

  /**
   * Queues a job unless the same id is already waiting or running. A finished job with that id
   * (the edge asks again once its cached outcome has expired) is removed and queued afresh.
   */
  async enqueue(job: NodeJob): Promise<void> {
    // While Redis is away the client would hold every command until it is back (the request
    // would hang): the caller is told at once instead, and asks again (same job id: queued once).
    if (this.connection.status !== 'ready') throw new QueueUnavailable(`Redis is ${this.connection.status}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailable('Redis did not answer in time')),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.add(job), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async add(job: NodeJob): Promise<void> {
    const queue = this.queue(job.job.type);
    const existing = await queue.getJob(job.jobId);
    if (existing && ((await existing.isCompleted()) || (await existing.isFailed()))) await existing.remove();
    await queue.add(job.job.type, job, {
      // BullMQ runs lower numbers first.
      priority: job.job.priority === 'bulk' ? 10 : 1,
      jobId: job.jobId,
      // An unreachable edge is retried for about four minutes (0.5 s doubling) before the job fails.
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async depth(type: JobType): Promise<number> {
    const counts = await this.queue(type).getJobCounts('waiting', 'prioritized', 'delayed');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
