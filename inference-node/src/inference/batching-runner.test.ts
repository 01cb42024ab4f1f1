import { describe, expect, it } from 'vitest';
import { BatchingRunner, type ModelRunner } from './batching-runner.ts';
import type { OutputTensor, TensorData } from './thread-messages.ts';

/** A fake model: doubles every input value and records the batch sizes it was given. */
class FakeDoublingModel implements ModelRunner {
  readonly batches: number[] = [];
  failNext = false;
  async run(feeds: Record<string, TensorData>): Promise<Record<string, OutputTensor>> {
    const input = feeds.x!;
    this.batches.push(input.dims[0]!);
    if (this.failNext) throw new Error('model exploded');
    return { y: { data: Float32Array.from(input.data as Float32Array, (v) => v * 2), dims: input.dims } };
  }
}

const item = (...values: number[]) => ({ x: { data: Float32Array.from(values), dims: [1, values.length] } });

describe('BatchingRunner', () => {
  it('runs items that arrive together as one batch and gives each its own rows', async () => {
    const model = new FakeDoublingModel();
    const sizes: number[] = [];
    const runner = new BatchingRunner(model, { maxBatch: 8, windowMs: 20, onBatch: (n) => sizes.push(n) });
    const outputs = await Promise.all([
      runner.run(item(1, 2)),
      runner.run(item(3, 4)),
      runner.run(item(5, 6)),
    ]);
    expect(model.batches).toEqual([3]);
    expect(sizes).toEqual([3]);
    expect(outputs.map((o) => [...o.y!.data])).toEqual([
      [2, 4],
      [6, 8],
      [10, 12],
    ]);
    expect(outputs[0]!.y!.dims).toEqual([1, 2]);
  });

  it('runs a full batch at once and starts another for the rest', async () => {
    const model = new FakeDoublingModel();
    const runner = new BatchingRunner(model, { maxBatch: 2, windowMs: 1000 });
    const started = Date.now();
    await Promise.all([runner.run(item(1)), runner.run(item(2)), runner.run(item(3)), runner.run(item(4))]);
    expect(model.batches).toEqual([2, 2]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('never mixes inputs of different shapes', async () => {
    const model = new FakeDoublingModel();
    const runner = new BatchingRunner(model, { maxBatch: 8, windowMs: 10 });
    await Promise.all([runner.run(item(1, 2)), runner.run(item(3)), runner.run(item(4, 5))]);
    expect(model.batches.sort()).toEqual([1, 2]);
  });

  it('passes items straight through when B is 1', async () => {
    const model = new FakeDoublingModel();
    const sizes: number[] = [];
    const runner = new BatchingRunner(model, { maxBatch: 1, windowMs: 50, onBatch: (n) => sizes.push(n) });
    await Promise.all([runner.run(item(1)), runner.run(item(2))]);
    expect(model.batches).toEqual([1, 1]);
    expect(sizes).toEqual([1, 1]);
  });

  it('fails every item of a failed batch, and keeps working after', async () => {
    const model = new FakeDoublingModel();
    const runner = new BatchingRunner(model, { maxBatch: 4, windowMs: 5 });
    model.failNext = true;
    const results = await Promise.allSettled([runner.run(item(1)), runner.run(item(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    model.failNext = false;
    expect([...(await runner.run(item(7))).y!.data]).toEqual([14]);
  });
});
