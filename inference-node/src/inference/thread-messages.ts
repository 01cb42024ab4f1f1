/** float32 for images and outputs, int64 for token ids. */
export interface TensorData {
  data: Float32Array | BigInt64Array;
  dims: number[];
}

/** Every model Veneer runs gives float32 outputs. */
export interface OutputTensor {
  data: Float32Array;
  dims: number[];
}

export interface SessionThreadData {
  modelFile: string;
  intraOpThreads: number;
  provider: 'auto' | 'cpu' | 'cuda';
}

export interface ThreadRequest {
  id: number;
  feeds: Record<string, TensorData>;
}

export type ThreadReply =
  | { kind: 'ready'; provider: 'cuda' | 'cpu'; inputNames: string[] }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; outputs: Record<string, OutputTensor> }
  | { kind: 'error'; id: number; message: string };
