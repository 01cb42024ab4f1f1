import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveModel } from './loader.ts';
import { MODELS, type ModelSpec } from './registry.ts';

const sharedModels = path.resolve(import.meta.dirname, '../../../../shared/models');
const bytes = 'pretend onnx bytes';
const fakeSpec: ModelSpec = {
  ...MODELS['ultraface-rfb-320'],
  id: 'fake',
  file: 'fake/model.onnx',
  sha256: createHash('sha256').update(bytes).digest('hex'),
  source: 'https://models.example/fake.onnx',
};

/** A fake download source: counts requests and serves the given body. */
function fakeDownload(body: string, status = 200) {
  const calls: string[] = [];
  const download = async (url: string) => {
    calls.push(url);
    return new Response(body, { status });
  };
  return { calls, download };
}

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'veneer-cache-'));
});
afterEach(() => fs.rm(cacheDir, { recursive: true, force: true }));

describe('resolveModel', () => {
  it('uses VENEER_MODELS_DIR when the file there has the right sha256', async () => {
    const { calls, download } = fakeDownload('');
    const found = await resolveModel(MODELS['ultraface-rfb-320'], {
      modelsDir: sharedModels,
      cacheDir,
      download,
    });
    expect(found).toEqual({
      file: path.join(sharedModels, 'ultraface/version-RFB-320.onnx'),
      origin: 'models-dir',
    });
    expect(calls).toEqual([]);
  });

  it('downloads into the cache once, checks the hash, then serves from the cache', async () => {
    const { calls, download } = fakeDownload(bytes);
    const first = await resolveModel(fakeSpec, { modelsDir: sharedModels, cacheDir, download });
    expect(first).toEqual({ file: path.join(cacheDir, 'fake/model.onnx'), origin: 'download' });
    expect(await fs.readFile(first.file, 'utf8')).toBe(bytes);
    const second = await resolveModel(fakeSpec, { cacheDir, download });
    expect(second.origin).toBe('cache');
    expect(calls).toEqual(['https://models.example/fake.onnx']);
  });

  it('refuses a download whose sha256 differs and leaves nothing behind', async () => {
    const { download } = fakeDownload('tampered');
    await expect(resolveModel(fakeSpec, { cacheDir, download })).rejects.toThrow(/sha256 .* expected/);
    expect(await fs.readdir(path.join(cacheDir, 'fake'))).toEqual([]);
  });

  it('replaces a corrupt cached file', async () => {
    await fs.mkdir(path.join(cacheDir, 'fake'));
    await fs.writeFile(path.join(cacheDir, 'fake/model.onnx'), 'corrupt');
    const { download } = fakeDownload(bytes);
    expect((await resolveModel(fakeSpec, { cacheDir, download })).origin).toBe('download');
  });

  it('explains a failed download', async () => {
    await expect(
      resolveModel(fakeSpec, { cacheDir, download: fakeDownload('', 404).download }),
    ).rejects.toThrow(/answered 404/);
    const offline = async () => {
      throw new Error('network unreachable');
    };
    await expect(resolveModel(fakeSpec, { cacheDir, download: offline })).rejects.toThrow(
      /network unreachable/,
    );
  });
});
