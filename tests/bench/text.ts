/**
 * pnpm bench:text: time per post of Veneer's own text classifiers where they run, side by side:
 * in the extension (Chromium, onnxruntime-web wasm in the offscreen document, features included)
 * and in onnxruntime-node. Posts are the held-out rows of each training file, in batches of 50
 * (as the content script sends one batch per scan). Needs the built extension (pnpm build).
 */
import path from 'node:path';
import { readExamples, splitOf, TASKS, TRAINING_FILES } from '../../text-models/src/datasets.ts';
import { OnnxTextClassifier } from '../../text-models/src/onnx-text-classifier.ts';
import { modelFile } from '../../text-models/src/paths.ts';
import { askExtension } from '../e2e/ask-extension.ts';
import { launchWithExtension } from '../e2e/browser.ts';
import { dataDir } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';

const BATCH = 50;
const BATCHES = 20;
const browser = await launchWithExtension();
const rows: Row[] = [];
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  for (const task of TASKS) {
    const texts = readExamples(task, path.join(dataDir, TRAINING_FILES[task]))
      .filter((e) => splitOf(e.text) === 'test')
      .slice(0, BATCH * BATCHES)
      .map((e) => e.text);
    const batches = Array.from({ length: BATCHES }, (_, i) => texts.slice(i * BATCH, (i + 1) * BATCH));
    // One warm-up batch loads the model; then each batch reports its time per text.
    const web: number[] = [];
    for (const batch of [batches[0]!, ...batches]) {
      const response = await askExtension<{ msPerText: number }>(page, 'checkTexts', {
        checks: [task],
        texts: batch,
      });
      if (!response.ok) throw new Error(`checkTexts failed: ${response.message}`);
      web.push(response.res.msPerText);
    }
    web.shift();
    const classifier = await OnnxTextClassifier.load(modelFile(task));
    const node: number[] = [];
    for (const batch of [batches[0]!, ...batches]) {
      const started = performance.now();
      for (const text of batch) await classifier.probability(text);
      node.push((performance.now() - started) / batch.length);
    }
    node.shift();
    rows.push({
      case: `${task}, onnxruntime-web in Chromium (per post, batches of ${BATCH})`,
      p50_ms: round(percentile(web, 50), 3),
      p99_ms: round(percentile(web, 99), 3),
    });
    rows.push({
      case: `${task}, onnxruntime-node (per post)`,
      p50_ms: round(percentile(node, 50), 3),
      p99_ms: round(percentile(node, 99), 3),
    });
  }
  report('text', rows);
} finally {
  await browser.close();
}
