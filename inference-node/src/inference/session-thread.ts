/**
 * Worker-thread entry: owns one onnxruntime session so that session creation and `run()`, which
 * block their thread, never block the node's event loop (HTTP, BullMQ lock renewal).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { SessionThreadData, ThreadReply, ThreadRequest } from './thread-messages.ts';

const { modelFile, intraOpThreads, provider } = workerData as SessionThreadData;
const port = parentPort!;

async function createSession(): Promise<{ session: ort.InferenceSession; provider: 'cuda' | 'cpu' }> {
  const options = { intraOpNumThreads: intraOpThreads, interOpNumThreads: 1, logSeverityLevel: 3 as const };
  if (provider !== 'cpu') {
    try {
      return {
        session: await ort.InferenceSession.create(modelFile, { ...options, executionProviders: ['cuda'] }),
        provider: 'cuda',
      };
    } catch (error) {
      if (provider === 'cuda') throw error;
    }
  }
  return {
    session: await ort.InferenceSession.create(modelFile, { ...options, executionProviders: ['cpu'] }),
    provider: 'cpu',
  };
}

try {
  const { session, provider: used } = await createSession();
  port.postMessage({
    kind: 'ready',
    provider: used,
    inputNames: [...session.inputNames],
  } satisfies ThreadReply);
  port.on('message', async (request: ThreadRequest) => {
    try {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, input] of Object.entries(request.feeds)) {
        feeds[name] =
          input.data instanceof BigInt64Array
            ? new ort.Tensor('int64', input.data, input.dims)
            : new ort.Tensor('float32', input.data, input.dims);
      }
      const results = await session.run(feeds);
      const outputs: ThreadReply & { kind: 'result' } = { kind: 'result', id: request.id, outputs: {} };
      const transfer: ArrayBuffer[] = [];
      for (const [name, tensor] of Object.entries(results)) {
        if (tensor.type !== 'float32') throw new Error(`output ${name} is ${tensor.type}, not float32`);
        const data = tensor.data as Float32Array;
        outputs.outputs[name] = { data, dims: [...tensor.dims] };
        transfer.push(data.buffer as ArrayBuffer);
      }
      port.postMessage(outputs, transfer);
    } catch (error) {
      port.postMessage({
        kind: 'error',
        id: request.id,
        message: (error as Error).message,
      } satisfies ThreadReply);
    }
  });
} catch (error) {
  port.postMessage({ kind: 'fatal', message: (error as Error).message } satisfies ThreadReply);
}
