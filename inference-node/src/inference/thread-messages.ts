export interface TensorData {
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
  | { kind: 'ready'; provider: 'cuda' | 'cpu' }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; outputs: Record<string, TensorData> }
  | { kind: 'error'; id: number; message: string };
