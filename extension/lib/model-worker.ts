import * as ort from 'onnxruntime-web/wasm';

/**
 * A dedicated worker that runs packaged models for a document (the offscreen document), so two
 * models can run at once on two cores: onnxruntime-web's wasm is single-threaded in extension
 * pages. The document sends the model's address and its feeds; the worker keeps one session per
 * model and sends the outputs back (their buffers transferred, not copied).
 */
export interface WorkerTensor {
  type: ort.Tensor.Type;
  data: ort.Tensor.DataType;
  dims: readonly number[];
}
export interface WorkerRequest {
  id: number;
  wasmPaths: string;
  modelUrl: string;
  feeds: Record<string, WorkerTensor>;
}
export type WorkerResponse =
  | { id: number; ok: true; outputs: Record<string, WorkerTensor> }
  | { id: number; ok: false; message: string };

const sessions = new Map<string, Promise<ort.InferenceSession>>();

function sessionFor(request: WorkerRequest): Promise<ort.InferenceSession> {
  let session = sessions.get(request.modelUrl);
  if (!session) {
    ort.env.wasm.wasmPaths = request.wasmPaths;
    ort.env.wasm.numThreads = 1;
    session = ort.InferenceSession.create(request.modelUrl, { executionProviders: ['wasm'] });
    session.catch(() => sessions.delete(request.modelUrl));
    sessions.set(request.modelUrl, session);
  }
  return session;
}

self.addEventListener('message', async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    const session = await sessionFor(request);
    const feeds = Object.fromEntries(
      Object.entries(request.feeds).map(([name, t]) => [
        name,
        new ort.Tensor(t.type, t.data as Float32Array, t.dims as number[]),
      ]),
    );
    const results = await session.run(feeds);
    const outputs: Record<string, WorkerTensor> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, tensor] of Object.entries(results)) {
      outputs[name] = { type: tensor.type, data: tensor.data, dims: tensor.dims };
      const buffer = (tensor.data as ArrayBufferView).buffer;
      if (buffer instanceof ArrayBuffer) transfer.push(buffer);
    }
    (self as unknown as Worker).postMessage(
      { id: request.id, ok: true, outputs } satisfies WorkerResponse,
      transfer,
    );
  } catch (error) {
    (self as unknown as Worker).postMessage({
      id: request.id,
      ok: false,
      message: (error as Error).message,
    } satisfies WorkerResponse);
  }
});
