import { Worker } from 'node:worker_threads';
import type { OutputTensor, SessionThreadData, TensorData, ThreadReply } from './thread-messages.ts';

interface Pending {
  resolve: (outputs: Record<string, OutputTensor>) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * A fixed set of worker threads, each holding its own session of one model. `run` goes to the
 * least busy thread; inputs and outputs move between threads without copying.
 */
export class SessionPool {
  readonly provider: 'cuda' | 'cpu';
  /** The model's input names, as its file declares them. */
  readonly inputNames: string[];
  private readonly slots: Slot[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private constructor(slots: Slot[], provider: 'cuda' | 'cpu', inputNames: string[]) {
    this.slots = slots;
    this.provider = provider;
    this.inputNames = inputNames;
    for (const slot of slots) {
      slot.worker.on('message', (reply: ThreadReply) => this.settle(slot, reply));
      slot.worker.on('error', (error) => this.failAll(error));
    }
  }

  static async start(options: SessionThreadData & { threads: number }): Promise<SessionPool> {
    const { threads, ...data } = options;
    const started = await Promise.all(
      Array.from({ length: threads }, async () => {
        const worker = new Worker(new URL('./session-thread.ts', import.meta.url), { workerData: data });
        const reply = await new Promise<ThreadReply>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        if (reply.kind !== 'ready') {
          await worker.terminate();
          throw new Error(
            `model ${data.modelFile} failed to load: ${reply.kind === 'fatal' ? reply.message : reply.kind}`,
          );
        }
        return { slot: { worker, busy: 0 }, provider: reply.provider, inputNames: reply.inputNames };
      }),
    );
    return new SessionPool(
      started.map((s) => s.slot),
      started[0]!.provider,
      started[0]!.inputNames,
    );
  }

  run(feeds: Record<string, TensorData>): Promise<Record<string, OutputTensor>> {
    const slot = this.slots.reduce((least, s) => (s.busy < least.busy ? s : least));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage(
        { id, feeds },
        Object.values(feeds).map((f) => f.data.buffer as ArrayBuffer),
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.failAll(new Error('session pool closed'));
  }

  private settle(slot: Slot, reply: ThreadReply): void {
    if (reply.kind !== 'result' && reply.kind !== 'error') return;
    slot.busy--;
    const waiter = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!waiter) return;
    if (reply.kind === 'result') waiter.resolve(reply.outputs);
    else waiter.reject(new Error(`inference failed: ${reply.message}`));
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
