import fs from 'node:fs/promises';
import { MODELS } from '@veneer/shared/models';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { ClipEmbedder } from '../detectors/clip-embedder.ts';
import type { EmbeddingStore } from '../embeddings/embedding-store.ts';
import type { ModelRunner } from './batching-runner.ts';
import { loadModel, modelFile } from './load-model.ts';
import type { SessionPool } from './session-pool.ts';

const EMBED_MODELS = {
  'clip-vit-b32': { vision: MODELS['clip-vit-b32-vision'], text: MODELS['clip-vit-b32-text'] },
  'clip-stand-in': { vision: MODELS['clip-stand-in-vision'], text: MODELS['clip-stand-in-text'] },
} as const;

/** CLIP (or its stand-in): both models and the tokenizer, each resolved and sha256-checked. */
export async function loadEmbedder(
  config: Config,
  log: Logger,
  store: EmbeddingStore,
  batched: (pool: SessionPool, model: string) => ModelRunner,
) {
  const specs = EMBED_MODELS[config.EMBED_MODEL];
  if (config.EMBED_MODEL === 'clip-stand-in')
    log.warn('embed runs a STAND-IN for CLIP (random weights): its similarities mean nothing');
  const [vision, text, tokenizerJson, tokenizerConfig] = await Promise.all([
    loadModel(specs.vision, config, log),
    loadModel(specs.text, config, log),
    modelFile(MODELS['clip-vit-b32-tokenizer'], config),
    modelFile(MODELS['clip-vit-b32-tokenizer-config'], config),
  ]);
  const readJson = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8')) as object;
  const embedder = new ClipEmbedder(
    {
      modelId: config.EMBED_MODEL,
      vision: batched(vision, specs.vision.id),
      text,
      textInputs: text.inputNames,
      tokenizer: { json: await readJson(tokenizerJson.file), config: await readJson(tokenizerConfig.file) },
    },
    store,
    config.MAX_IMAGE_PIXELS,
  );
  return { embedder, pools: [vision, text] };
}
