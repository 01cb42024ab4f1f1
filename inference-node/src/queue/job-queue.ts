import type { JobType, NodeJob } from '@veneer/shared/protocol';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const queueName = (type: JobType) => `jobs-${type}`;

/** Producer side: one BullMQ queue per job type. The edge's job id is the BullMQ id, so a job is queued once. */
export class JobQueues {
  private readonly queues = new Map<JobType, Queue<NodeJob>>();
  private readonly connection: Redis;
  private readonly prefix: string;

  constructor(connection: Redis, prefix: string) {
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

  async enqueue(job: NodeJob): Promise<void> {
    await this.queue(job.job.type).add(job.job.type, job, {
      jobId: job.jobId,
      attempts: 5,
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
