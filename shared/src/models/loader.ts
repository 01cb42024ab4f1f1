import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelSpec } from './registry.ts';

export interface ModelLocations {
  /** VENEER_MODELS_DIR: a prepared folder (tests and CI point it at ../shared/models). */
  modelsDir?: string | undefined;
  /** The user's cache, where downloads land. */
  cacheDir: string;
  /** Downloads a model from its public source; tests pass a fake. */
  download?: (url: string) => Promise<Response>;
}

export type ModelOrigin = 'models-dir' | 'cache' | 'download';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

async function verified(file: string, spec: ModelSpec): Promise<boolean> {
  try {
    return (await sha256File(file)) === spec.sha256;
  } catch {
    return false;
  }
}

/**
 * Node only (fs, streams): used by the inference node at start and by the extension build.
 * Finds a model's file: VENEER_MODELS_DIR first, then the user's cache, else downloads it from
 * its public source into the cache. Every file is checked against the registry's sha256; a
 * mismatching file is never used.
 */
export async function resolveModel(
  spec: ModelSpec,
  { modelsDir, cacheDir, download = fetch }: ModelLocations,
): Promise<{ file: string; origin: ModelOrigin }> {
  if (modelsDir) {
    const file = path.resolve(modelsDir, spec.file);
    if (await verified(file, spec)) return { file, origin: 'models-dir' };
  }
  const cached = path.resolve(cacheDir, spec.file);
  if (await verified(cached, spec)) return { file: cached, origin: 'cache' };

  await fs.mkdir(path.dirname(cached), { recursive: true });
  const partial = `${cached}.${randomUUID()}.partial`;
  try {
    let response: Response;
    try {
      response = await download(spec.source);
    } catch (error) {
      throw new Error(`model ${spec.id}: download from ${spec.source} failed: ${(error as Error).message}`);
    }
    if (!response.ok || !response.body) {
      throw new Error(`model ${spec.id}: download from ${spec.source} answered ${response.status}`);
    }
    const hash = createHash('sha256');
    const handle = await fs.open(partial, 'w');
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    const actual = hash.digest('hex');
    if (actual !== spec.sha256) {
      throw new Error(`model ${spec.id}: downloaded file has sha256 ${actual}, expected ${spec.sha256}`);
    }
    await fs.rename(partial, cached);
    return { file: cached, origin: 'download' };
  } finally {
    await fs.rm(partial, { force: true });
  }
}
