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

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<
  number,
  { resolve: (outputs: Record<string, ort.Tensor>) => void; reject: (error: Error) => void }
>();

function modelWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      const waiter = pending.get(response.id);
      if (!waiter) return;
      pending.delete(response.id);
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
      for (const waiter of pending.values())
        waiter.reject(new Error(`the model worker failed: ${event.message}`));
      pending.clear();
      worker = null;
    });
  }
  return worker;
}

/**
 * In a dedicated worker: another core, so the document and the worker each run a model at the
 * same time. Where workers are unavailable it runs here.
 */
export const runInWorker: RunModel = (path, feeds) => {
  if (typeof Worker === 'undefined') return runHere(path, feeds);
  const id = ++nextId;
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
    pending.set(id, { resolve, reject });
    modelWorker().postMessage(request);
  });
};
