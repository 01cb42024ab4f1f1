import { IMPORTED_MODELS } from '@veneer/model-import';
import type { ModelSpec } from '@veneer/shared/models';
import { resolveModel } from '@veneer/shared/models/loader';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { GENERATED_MODELS } from '../models/clip-stand-in.ts';
import { SessionPool } from './session-pool.ts';

/** Finds a model's file (models dir, cache or download, sha256-checked) and starts its sessions. */
export async function loadModel(spec: ModelSpec, config: Config, log: Logger): Promise<SessionPool> {
  const { file, origin } = await modelFile(spec, config);
  return startPool(file, config, log, spec.id, origin);
}

/**
 * A model's (or tokenizer's) file, sha256-checked: models dir, cache, else its public source. A
 * `generated:` source (the CLIP stand-in) is made here instead of downloaded, and an `imported:` one
 * (nsfwjs's TF.js models) converted from its npm package, then checked the same.
 */
export function modelFile(spec: ModelSpec, config: Config) {
  const generate = GENERATED_MODELS[spec.source] ?? IMPORTED_MODELS[spec.source];
  return resolveModel(spec, {
    modelsDir: config.VENEER_MODELS_DIR,
    cacheDir: config.VENEER_MODELS_CACHE,
    ...(generate ? { download: async () => new Response(generate()) } : {}),
  });
}

/** Starts the sessions of a model file already found and checked. */
export async function startPool(file: string, config: Config, log: Logger, id: string, origin = 'package') {
  const pool = await SessionPool.start({
    modelFile: file,
    threads: config.INFERENCE_THREADS,
    intraOpThreads: config.INTRA_OP_THREADS,
    provider: config.VENEER_EXECUTION_PROVIDER,
  });
  log.info({ model: id, origin, provider: pool.provider, threads: config.INFERENCE_THREADS }, 'model loaded');
  return pool;
}
