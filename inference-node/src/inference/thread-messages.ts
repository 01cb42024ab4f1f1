import type { OutputTensor, TensorData } from '@veneer/shared/models';

export type { OutputTensor, TensorData };

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
