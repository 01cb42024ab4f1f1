/**
 * pnpm bench:thumbs: the thumbnail lab's speed as a creator feels it, on the extension's lab page
 * in Chromium with the real edge, inference node and Redis:
 * - `instant score`: from adding a candidate (file picked) to its instant score shown, computed
 *   in the browser (YuNet + PaddleOCR's detector at three sizes + statistics, onnxruntime-web);
 *   the first candidate (models loading) is reported apart;
 * - `instant score, models only`: the same, timed inside the scorer (decode and models);
 * - `instant score, Studio panel`: the same in the panel on a Studio video page (its scorer frame);
 * - `instant score in the offscreen document, models only`: the Studio panel's fallback (where
 *   its scorer frame cannot be used, the background's offscreen document scores), measured after the
 *   lab's rounds so that loading its own copy of the models does not weigh on them, and after
 *   the panel's preparation has loaded them;
 * - `deep score arrives`: from adding a candidate to its deep score pushed over the WebSocket.
 * Each candidate is a different 1280x720 image (so no result cache answers), added one at a time.
 * Needs the built extension (pnpm build).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { askExtension } from '../e2e/ask-extension.ts';
import { launchWithExtension } from '../e2e/browser.ts';
import { configureExtension } from '../e2e/configure.ts';
import { studioVideoHtml } from '../e2e/fixtures/youtube.ts';
import { dataDir, startStack, tmpDir } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 24);
const SETTLE_MS = Number(process.env.SETTLE_MS ?? 500);
const TITLE = 'I built a shed in 48 hours';
/**
 * Adds one candidate on a lab (the lab page or the Studio panel), waits for its instant and deep
 * scores, removes it, and lets the machine settle: here the inference node shares the browser's two
 * cores and is still busy for a moment after a deep score is pushed (in use it runs on its own
 * machine), so the next candidate comes once it is done, as one would a moment later.
 */
async function addCandidate(page: Page, file: string, round: string) {
  await page.locator('input[name="files"]').setInputFiles(file);
  const item = page.locator('li.candidate').last();
  await item.locator('xpath=self::*[@data-instant-ms]').waitFor({ timeout: 60_000 });
  await item.locator('xpath=self::*[@data-deep-ms]').waitFor({ timeout: 120_000 });
  const [instantMs, modelsMs, deepMs, state] = await Promise.all([
    item.getAttribute('data-instant-ms'),
    item.getAttribute('data-instant-models-ms'),
    item.getAttribute('data-deep-ms'),
    item.getAttribute('data-state'),
  ]);
  if (state !== 'scored') throw new Error(`${round}: ${await item.textContent()}`);
  await item.getByRole('button', { name: 'Remove' }).click();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return { instantMs: Number(instantMs), modelsMs: Number(modelsMs), deepMs: Number(deepMs) };
}

const photos = fs.readdirSync(path.join(dataDir, 'images')).filter((name) => /\.(png|jpe?g)$/.test(name));
fs.mkdirSync(tmpDir, { recursive: true });

const stack = await startStack();
const browser = await launchWithExtension();
const rows: Row[] = [];
try {
  await configureExtension(browser, stack.edge.url, { filters: [], cloudProcessing: true });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/lab.html`);
  await page.fill('input[name="title"]', TITLE);
  const instant: number[] = [];
  const modelsOnly: number[] = [];
  const deep: number[] = [];
  let first = Number.NaN;
  const files: string[] = [];
  for (let i = 0; i < ROUNDS + 1; i++) {
    const file = path.join(tmpDir, `bench-thumb-${i}.jpg`);
    files.push(file);
    // A different crop each round: a new image, so no cache answers for it. Every other one has a
    // caption, as many thumbnails do (text costs a second detector pass at the mobile size).
    const photo = await sharp(path.join(dataDir, 'images', photos[i % photos.length]!))
      .resize(1280 + 8 * i, 720 + 4 * i, { fit: 'cover' })
      .resize(1280, 720, { fit: 'cover', position: i % 2 ? 'left' : 'right' })
      .toBuffer();
    const caption = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><text x="60" y="620"
      font-family="DejaVu Sans" font-weight="bold" font-size="${90 + 10 * (i % 5)}" fill="#fff" stroke="#000"
      stroke-width="5">${['HOW I DID IT', 'DAY 2', 'NEVER AGAIN', 'IT WORKED!', 'THE TRUTH'][i % 5]}</text></svg>`;
    await sharp(photo)
      .composite(i % 2 ? [] : [{ input: Buffer.from(caption) }])
      .jpeg({ quality: 90 })
      .toFile(file);
    const { instantMs, modelsMs, deepMs } = await addCandidate(page, file, `lab round ${i}`);
    if (i === 0) first = instantMs;
    else {
      instant.push(instantMs);
      deep.push(deepMs);
      modelsOnly.push(modelsMs);
    }
  }
  // The Studio panel on a video's page: the same files, scored in its scorer frame, which loads
  // its models as the panel opens (a creator then takes a moment to pick a file).
  await browser.context.route('https://studio.youtube.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: studioVideoHtml(TITLE, 'Bench channel') }),
  );
  const studio = await browser.context.newPage();
  await studio.goto('https://studio.youtube.com/video/abc123XYZ/edit');
  await studio.getByRole('button', { name: 'Thumbnail lab' }).click();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const studioInstant: number[] = [];
  for (let i = 1; i < ROUNDS + 1; i++)
    studioInstant.push((await addCandidate(studio, files[i]!, `Studio round ${i}`)).instantMs);
  // The Studio panel's fallback: the same files, scored by the offscreen document, which loads its
  // models when a panel gets ready (as one opens) and is given the time a creator takes to pick.
  await askExtension(page, 'thumbPrepare', undefined);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const offscreen: number[] = [];
  for (let i = 1; i < ROUNDS + 1; i++) {
    const answer = await askExtension<{ ms: number; timings: Record<string, number> }>(
      page,
      'thumbInstantScore',
      {
        title: 'x',
        image: { kind: 'bytes', mime: 'image/jpeg', data: fs.readFileSync(files[i]!).toString('base64') },
      },
    );
    if (!answer.ok) throw new Error(`offscreen round ${i}: ${answer.message}`);
    const scorer = { score: answer.res };
    if (process.env.TIMINGS) console.log(JSON.stringify(scorer.score.timings));
    offscreen.push(scorer.score.ms);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  if (process.env.TIMINGS)
    console.log(
      `lab ${instant.map(Math.round).join(' ')}\nStudio ${studioInstant.map(Math.round).join(' ')}`,
    );
  rows.push(
    { case: 'instant score', p50_ms: round(percentile(instant, 50)), p95_ms: round(percentile(instant, 95)) },
    { case: 'instant score, first candidate (models load)', p50_ms: round(first), p95_ms: round(first) },
    {
      case: 'instant score, models only',
      p50_ms: round(percentile(modelsOnly, 50)),
      p95_ms: round(percentile(modelsOnly, 95)),
    },
    {
      case: 'instant score, Studio panel',
      p50_ms: round(percentile(studioInstant, 50)),
      p95_ms: round(percentile(studioInstant, 95)),
    },
    {
      case: 'instant score in the offscreen document, models only',
      p50_ms: round(percentile(offscreen, 50)),
      p95_ms: round(percentile(offscreen, 95)),
    },
    { case: 'deep score arrives', p50_ms: round(percentile(deep, 50)), p99_ms: round(percentile(deep, 99)) },
  );
  report('thumbs', rows);
} finally {
  await browser.close();
  await stack.stop();
}
