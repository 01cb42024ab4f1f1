import type { OutputTensor, TensorData } from './thread-messages.ts';

/** Anything that runs a model on named input tensors: a SessionPool, or a batcher in front of one. */
export interface ModelRunner {
  run(feeds: Record<string, TensorData>): Promise<Record<string, OutputTensor>>;
}

export interface BatchingOptions {
  /** Most items run as one batch (B). 1 turns batching off. */
  maxBatch: number;
  /** Longest an item waits for others to join its batch (T, ms). */
  windowMs: number;
  /** Told the size of every batch that runs (for metrics). */
  onBatch?: (size: number) => void;
}

interface Waiting {
  feeds: Record<string, TensorData>;
  resolve: (outputs: Record<string, OutputTensor>) => void;
  reject: (error: Error) => void;
}

interface Gathering {
  items: Waiting[];
  timer: ReturnType<typeof setTimeout>;
}

type TypedArray = Float32Array | BigInt64Array;

function concat(parts: TypedArray[]): TypedArray {
  const total = parts.reduce((sum, p) => sum + p.length, 0);
  const out = parts[0] instanceof BigInt64Array ? new BigInt64Array(total) : new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    (out as Float32Array).set(part as Float32Array, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Dynamic batching for a model with a batch dimension: single items (dim 0 = 1) that arrive
 * within `windowMs` of each other, with the same input names and the same other dimensions, run
 * as one batch of up to `maxBatch`; each caller gets its own slice of the outputs back.
 * A batch that fails fails each of its items with the same error.
 */
export class BatchingRunner implements ModelRunner {
  private readonly model: ModelRunner;
  private readonly options: BatchingOptions;
  private readonly gathering = new Map<string, Gathering>();

  constructor(model: ModelRunner, options: BatchingOptions) {
    this.model = model;
    this.options = options;
  }

  run(feeds: Record<string, TensorData>): Promise<Record<string, OutputTensor>> {
    const entries = Object.entries(feeds);
    if (this.options.maxBatch <= 1 || entries.some(([, t]) => t.dims[0] !== 1)) {
      // Runs as it comes (batching off, or already a batch): still counted, so the batch-size
      // metric shows what ran on CPU nodes too.
      this.options.onBatch?.(entries[0]?.[1].dims[0] ?? 1);
      return this.model.run(feeds);
    }
    const key = entries.map(([name, t]) => `${name}:${t.dims.slice(1).join('x')}`).join('|');
    return new Promise((resolve, reject) => {
      let group = this.gathering.get(key);
      if (!group) {
        group = { items: [], timer: setTimeout(() => this.flush(key), this.options.windowMs) };
        this.gathering.set(key, group);
      }
      group.items.push({ feeds, resolve, reject });
      if (group.items.length >= this.options.maxBatch) this.flush(key);
    });
  }

  private flush(key: string): void {
    const group = this.gathering.get(key);
    if (!group) return;
    this.gathering.delete(key);
    clearTimeout(group.timer);
    void this.runBatch(group.items);
  }

  private async runBatch(items: Waiting[]): Promise<void> {
    this.options.onBatch?.(items.length);
    if (items.length === 1) {
      const [only] = items as [Waiting];
      return this.model.run(only.feeds).then(only.resolve, only.reject);
    }
    try {
      const feeds: Record<string, TensorData> = {};
      for (const [name, first] of Object.entries(items[0]!.feeds)) {
        feeds[name] = {
          data: concat(items.map((item) => item.feeds[name]!.data)),
          dims: [items.length, ...first.dims.slice(1)],
        };
      }
      const outputs = await this.model.run(feeds);
      const sliced = items.map(() => ({}) as Record<string, OutputTensor>);
      for (const [name, output] of Object.entries(outputs)) {
        if (output.dims[0] !== items.length) {
          throw new Error(`output ${name} has ${output.dims[0]} rows for a batch of ${items.length}`);
        }
        const size = output.data.length / items.length;
        sliced.forEach((slot, i) => {
          slot[name] = {
            data: output.data.slice(i * size, (i + 1) * size),
            dims: [1, ...output.dims.slice(1)],
          };
        });
      }
      items.forEach((item, i) => {
        item.resolve(sliced[i]!);
      });
    } catch (error) {
      for (const item of items) item.reject(error as Error);
    }
  }
}
