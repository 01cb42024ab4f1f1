/**
 * pnpm import:models: converts the TF.js models Veneer imports from npm (IMPORTED_MODELS) to
 * ONNX once, into the model cache, each checked against the registry's sha256. The inference
 * node would do the same on first start; running it at setup makes that start quick.
 * Cache: VENEER_MODELS_CACHE, else ~/.cache/veneer/models (the node's default).
 */
import os from 'node:os';
import path from 'node:path';
import { MODELS } from '@veneer/shared/models';
import { resolveModel } from '@veneer/shared/models/loader';
import { IMPORTED_MODELS } from './imported-models.ts';

const cacheDir = process.env.VENEER_MODELS_CACHE ?? path.join(os.homedir(), '.cache', 'veneer', 'models');
for (const spec of Object.values(MODELS)) {
  const convert = IMPORTED_MODELS[spec.source];
  if (!convert) continue;
  const started = performance.now();
  const { file, origin } = await resolveModel(spec, {
    cacheDir,
    download: async () => new Response(convert()),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${spec.id}: ${origin === 'cache' ? 'already in the cache' : `imported in ${seconds} s`} (${file}, sha256 ${spec.sha256})`,
  );
}
