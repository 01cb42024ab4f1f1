import * as ort from 'onnxruntime-web/wasm';
import { browser } from 'wxt/browser';
import type { WorkerRequest, WorkerResponse } from './model-worker.ts';
import { ORT_WASM_DIR, packagedSession } from './ort-session.ts';

/** Runs a packaged model (its path inside the extension) on some feeds. */
export type RunModel = (
  path: string,
  feeds: Record<string, ort.Tensor>,
) => Promise<Record<string, ort.Tensor>>;

/** In this document's own onnxruntime-web. */
export const runHere: RunModel = async (path, feeds) => (await packagedSession(path)).run(feeds);

/** One dedicated worker with its own onnxruntime-web and its own queue of runs. */
class ModelWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (outputs: Record<string, ort.Tensor>) => void; reject: (error: Error) => void }
  >();

  run(path: string, feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>> {
    const id = ++this.nextId;
    const request: WorkerRequest = {
      id,
      wasmPaths: browser.runtime.getURL(ORT_WASM_DIR as '/'),
      modelUrl: browser.runtime.getURL(path as '/'),
      feeds: Object.fromEntries(
        Object.entries(feeds).map(([name, tensor]) => [
          name,
          { type: tensor.type, data: tensor.data, dims: tensor.dims },
        ]),
      ),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.started().postMessage(request);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (!response.ok) waiter.reject(new Error(response.message));
      else
        waiter.resolve(
          Object.fromEntries(
            Object.entries(response.outputs).map(([name, t]) => [
              name,
              new ort.Tensor(t.type, t.data as Float32Array, t.dims as number[]),
            ]),
          ),
        );
    });
    worker.addEventListener('error', (event) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`the model worker failed: ${event.message}`));
      this.pending.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}

const workers = new Map<number, ModelWorker>();

/**
 * In dedicated worker number `slot` (0, 1, ...): runs given to one slot queue there, runs given
 * to two slots go at once on two cores. A document's main thread is shared with every other page
 * of the extension (one renderer process): a long model run there freezes the lab page while it
 * runs, so the thumbnail lab runs its detectors in workers (only the small expression model here). Where workers are unavailable it runs here.
 */
export function inWorker(slot: number): RunModel {
  return (path, feeds) => {
    if (typeof Worker === 'undefined') return runHere(path, feeds);
    let worker = workers.get(slot);
    if (!worker) {
      worker = new ModelWorker();
      workers.set(slot, worker);
    }
    return worker.run(path, feeds);
  };
}
