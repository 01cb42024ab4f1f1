import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
/** The folder beside the checkout with models and data (never part of the repo). */
export const sharedDir = path.resolve(process.env.VENEER_SHARED_DIR ?? path.join(repoRoot, '../shared'));
export const modelsDir = path.resolve(process.env.VENEER_MODELS_DIR ?? path.join(sharedDir, 'models'));
export const dataDir = path.join(sharedDir, 'data');
/** Scratch space for logs, certificates and local state; ignored by git. */
export const tmpDir = path.join(repoRoot, '.tmp');
export const extensionDir = path.join(repoRoot, 'extension/.output/chrome-mv3');
