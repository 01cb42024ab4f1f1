import path from 'node:path';
import type { Task } from './datasets.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDataDir = path.resolve(
  process.env.VENEER_SHARED_DIR ?? path.join(repoRoot, '../shared'),
  'data',
);
/** The committed artifacts: the ONNX model and how it was made. */
export const modelFile = (task: Task) => path.join(repoRoot, 'text-models/models', `${task}.onnx`);
export const modelCardFile = (task: Task) => path.join(repoRoot, 'text-models/models', `${task}.json`);
export const heldOutFile = (task: Task) => path.join(repoRoot, '.tmp/text-models', `${task}-heldout.csv`);
