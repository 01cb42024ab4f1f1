/**
 * pnpm bench:models: the models model-import brings in from TF.js, side by side in one run on the
 * same input (a real photo prepared as nsfwjs does; a face prepared as Human does), batch 1:
 * - images per second in onnxruntime-node (one intra-op thread) and in @tensorflow/tfjs with
 *   its wasm backend (tfjs-backend-wasm, SIMD, one thread), taking turns image by image, from
 *   the median time per image; and their ratio;
 * - ms per image with onnxruntime-web (wasm, one thread) in Chromium (`web_p50_ms`);
 * - from onnxruntime's own profile, ms per image in its convolution kernels alone (`ort_conv_ms`),
 *   and the ratio onnxruntime would reach if everything else it does took no time at all
 *   (`ratio_if_only_convs`): tfjs's time per image over that.
 * Writes bench-results/models.json.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { IMPORTED_MODELS, isLayersModel, readHumanModel, readNsfwjsModel } from '@veneer/model-import';
import { centernetInput, emotionInput, MODELS, NSFW_SIZE, nsfwInput } from '@veneer/shared/models';
import * as ort from 'onnxruntime-node';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { dataDir } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';

const RUNS = 40;
const require = createRequire(import.meta.url);
const ortWebDist = path.dirname(
  createRequire(path.join(import.meta.dirname, '../../extension/package.json')).resolve(
    'onnxruntime-web/ort-wasm-simd-threaded.wasm',
  ),
);

/**
 * Mean ms per run that onnxruntime spends in Conv kernels (its profiler, one thread): `runs` runs
 * counted after `warmUp` that are not.
 */
async function convMsPerRun(
  onnx: Uint8Array,
  feeds: Record<string, ort.Tensor>,
  runs = 20,
  warmUp = 3,
): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'veneer-ort-profile-'));
  try {
    const session = await ort.InferenceSession.create(onnx, {
      intraOpNumThreads: 1,
      enableProfiling: true,
      profileFilePrefix: path.join(dir, 'profile'),
    });
    for (let i = 0; i < warmUp + runs; i++) await session.run(feeds);
    session.endProfiling();
    await session.release();
    const file = fs.readdirSync(dir).find((name) => name.endsWith('.json'));
    if (!file) throw new Error('onnxruntime wrote no profile');
    const events = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Array<{
      cat: string;
      name: string;
      ts: number;
      dur: number;
      args?: { op_name?: string };
    }>;
    const modelRuns = events.filter((e) => e.name === 'model_run').sort((a, b) => a.ts - b.ts);
    if (modelRuns.length !== warmUp + runs) throw new Error(`the profile holds ${modelRuns.length} runs`);
    const counted = modelRuns[warmUp]!.ts;
    const convUs = events
      .filter(
        (e) =>
          e.cat === 'Node' &&
          e.ts >= counted &&
          e.name.endsWith('_kernel_time') &&
          e.args?.op_name === 'Conv',
      )
      .reduce((sum, e) => sum + e.dur, 0);
    return convUs / 1000 / runs;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const { data, info } = await sharp(path.join(dataDir, 'images/wikimedia_hedgehog.jpg'))
  .removeAlpha()
  .raw()
  .toBuffer({ resolveWithObject: true });
const photoInput = nsfwInput(
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  info.width,
  info.height,
);
const photoShape = [1, NSFW_SIZE, NSFW_SIZE, 3];

setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
await tf.setBackend('wasm');

/**
 * Images per second of each runner, from its median time per image, the runners taking turns
 * image by image: the machine's noise (it varies by 20% from minute to minute here) falls on
 * both alike instead of on whichever ran second.
 */
async function sideBySide(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  const runners = [a, b];
  for (let i = 0; i < 5; i++) for (const run of runners) await run();
  const times = runners.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [r, run] of runners.entries()) {
      const started = performance.now();
      await run();
      times[r]!.push(performance.now() - started);
    }
  }
  return [1000 / percentile(times[0]!, 50), 1000 / percentile(times[1]!, 50)];
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const rows: Row[] = [];
try {
  const page = await browser.newPage();
  await page.route('https://bench.invalid/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/')
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
    const file = path.join(ortWebDist, path.basename(url.pathname));
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ contentType: type, body: fs.readFileSync(file) });
  });
  await page.goto('https://bench.invalid/');
  const face = await sharp(path.join(dataDir, 'images/pillow_hopper.jpg')).removeAlpha().raw().toBuffer({
    resolveWithObject: true,
  });
  const faceInput = emotionInput(new Uint8Array(face.data), face.info.width, face.info.height);
  for (const { id, read, input, shape } of [
    {
      id: 'nsfw-mobilenet-v2',
      read: () => readNsfwjsModel('mobilenet_v2'),
      input: photoInput,
      shape: photoShape,
    },
    {
      id: 'nsfw-mobilenet-v2-mid',
      read: () => readNsfwjsModel('mobilenet_v2_mid'),
      input: photoInput,
      shape: photoShape,
    },
    { id: 'emotion-human', read: () => readHumanModel('emotion'), input: faceInput, shape: [1, 64, 64, 1] },
    {
      id: 'centernet-human',
      read: () => readHumanModel('centernet'),
      input: centernetInput(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        info.width,
        info.height,
      ),
      shape: [1, 512, 512, 3],
    },
  ] as const) {
    const spec = MODELS[id];
    const onnx = IMPORTED_MODELS[spec.source]!();
    const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1 });
    const feeds = { [spec.input.name]: new ort.Tensor('float32', input, [...shape]) };

    const { model, weights } = read();
    const artifacts = tf.io.fromMemory({
      modelTopology: model.modelTopology,
      weightSpecs: model.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
      weightData: weights.slice().buffer,
      ...(model.format ? { format: model.format } : {}),
    } as tf.io.ModelArtifacts);
    const tfModel = isLayersModel(model)
      ? await tf.loadLayersModel(artifacts)
      : await tf.loadGraphModel(artifacts);
    const tensor = tf.tensor(input, [...shape]);
    const [ortPerS, tfjsPerS] = await sideBySide(
      () => session.run(feeds),
      async () => {
        const out = (
          id === 'centernet-human' && tfModel instanceof tf.GraphModel
            ? tfModel.execute(tensor, 'tower_0/detections')
            : tfModel.predict(tensor)
        ) as tf.Tensor;
        await out.data();
        out.dispose();
      },
    );
    tensor.dispose();
    const convMs = await convMsPerRun(onnx, feeds);

    const webMs = await page.evaluate(
      async ({ bytes, inputName, values, dims, runs }) => {
        const ortWeb = await import('https://bench.invalid/ort.wasm.min.mjs' as string);
        ortWeb.env.wasm.numThreads = 1;
        ortWeb.env.wasm.wasmPaths = 'https://bench.invalid/';
        const s = await ortWeb.InferenceSession.create(Uint8Array.from(bytes), {
          executionProviders: ['wasm'],
        });
        const feed = { [inputName]: new ortWeb.Tensor('float32', Float32Array.from(values), dims) };
        for (let i = 0; i < 5; i++) await s.run(feed);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await s.run(feed);
          times.push(performance.now() - started);
        }
        return times;
      },
      { bytes: [...onnx], inputName: spec.input.name, values: [...input], dims: [...shape], runs: RUNS },
    );
    rows.push({
      case: `${id} (batch 1, one thread)`,
      ort_per_s: round(ortPerS),
      tfjs_wasm_per_s: round(tfjsPerS),
      ratio: round(ortPerS / tfjsPerS, 2),
      web_p50_ms: round(percentile(webMs, 50)),
      ort_conv_ms: round(convMs, 2),
      ratio_if_only_convs: round(1000 / tfjsPerS / convMs, 2),
    });
    console.log(`${id} done`);
  }
} finally {
  await browser.close();
}
report('models', rows);
