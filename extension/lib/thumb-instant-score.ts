import {
  DETECTION_MEAN,
  DETECTION_STD,
  EMOTION_SIZE,
  MODELS,
  normalizedBgr,
  textRegions,
} from '@veneer/shared/models';
import type { Box, ImageRef } from '@veneer/shared/protocol';
import {
  type InstantSignals,
  instantSignals,
  MIN_FEED,
  STATS_SIZE,
  TEXT_DETECTION,
  type TextBox,
  textBoxes,
  VIEWER_SIZES,
} from '@veneer/shared/thumbs';
import * as ort from 'onnxruntime-web/wasm';
import { ImageRefused, imageBlob } from './image-blob.ts';
import { drawRgb } from './image-pixels.ts';
import { EMOTION_PATH, readEmotionsLocally } from './local-emotion.ts';
import { classifyTexts } from './local-text.ts';
import { detectYunetFaces } from './local-yunet.ts';
import { inWorker, type RunModel, runHere } from './model-runner.ts';
import { feedSignatures } from './thumb-feed.ts';

/**
 * The thumbnail lab's instant score, on this device: YuNet for faces and Human's emotion model
 * for their expressions, PaddleOCR's text detector
 * at the desktop grid's size and again on the thumbnail shrunk to the mobile feed's size, whole-image
 * statistics, how it stands out from the creator's home feed (or the bundled reference set), and
 * the title's signals from Veneer's clickbait model. Runs in a document (Chrome's offscreen
 * document, Firefox's background page).
 */
export const TEXT_DETECTOR_PATH = `/models/${MODELS['pp-ocrv4-det'].id}.onnx`;

/** The workers the lab's models run in (two cores: two at once). */
const textWorker = inWorker(0);
const facesWorker = inWorker(1);

/** Width the candidate is decoded at (twice the widest detector pass). */
const DECODE_WIDTH = 640;

export interface InstantScore {
  signals: InstantSignals;
  /** Where the faces and the text are, for the lab to draw. */
  faces: Box[];
  text: TextBox[];
  width: number;
  height: number;
  ms: number;
  /** Where the time went, ms: decode, faces, text (each detector pass), the rest. */
  timings: Record<string, number>;
}

async function detectText(
  source: CanvasImageSource,
  width: number,
  height: number,
  run: RunModel,
): Promise<TextBox[]> {
  const input = normalizedBgr(drawRgb(source, width, height), width, height, DETECTION_MEAN, DETECTION_STD);
  const outputs = await run(TEXT_DETECTOR_PATH, {
    x: new ort.Tensor('float32', input, [1, 3, height, width]),
  });
  const probability = Object.values(outputs)[0]!.data as Float32Array;
  return textBoxes(textRegions(probability, width, height), width, height);
}

/** The thumbnail as a viewer sees it at `size`, brought back up to the detector's input size. */
function shrunk(bitmap: ImageBitmap, size: { width: number; height: number }): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas here');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas;
}

export async function scoreThumbnailLocally(
  image: ImageRef | Blob,
  title: string,
  feedUrls: readonly string[] = [],
): Promise<InstantScore> {
  const started = performance.now();
  let bitmap: ImageBitmap;
  try {
    // Every pass works at 320 px wide or less: decode straight to 640 wide (the height follows).
    bitmap = await createImageBitmap(await imageBlob(image), {
      imageOrientation: 'from-image',
      resizeWidth: DECODE_WIDTH,
      // Thumbnails are 1280x720 as a rule: halving is then an exact 2x2 average, and 'low'
      // decodes in ~11 ms here where 'medium' takes ~18 ms.
      resizeQuality: 'low',
    });
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    throw new Error('the file is not an image this browser can read');
  }
  try {
    const timings: Record<string, number> = { decode: performance.now() - started };
    // Two cores, and the document's main thread free for the lab page (which shares it): the
    // desktop-size text pass runs in one worker; faces and the mobile-size text pass in another.
    // The mobile pass starts before it is known whether there is any text, so it never waits for
    // the desktop pass (without text its answer is not used).
    const parallelStarted = performance.now();
    const since =
      (name: string) =>
      <T>(value: T): T => {
        timings[name] = performance.now() - parallelStarted;
        return value;
      };
    const { desktop, mobile } = TEXT_DETECTION;
    const desktopPromise = detectText(bitmap, desktop.width, desktop.height, textWorker).then(
      since('text_desktop'),
    );
    const facesPromise = detectYunetFaces(bitmap, bitmap.width, bitmap.height, facesWorker).then(
      since('faces'),
    );
    const mobilePromise = detectText(
      shrunk(bitmap, VIEWER_SIZES.mobile),
      mobile.width,
      mobile.height,
      facesWorker,
    ).then(since('text_mobile'));
    const textPasses = Promise.all([desktopPromise, mobilePromise]);
    textPasses.catch(() => {
      // Awaited below; this only keeps a failure while faces are awaited from going unhandled.
    });
    // The rest of this document's work, while the workers run.
    const small = drawRgb(bitmap, STATS_SIZE.width, STATS_SIZE.height);
    const feedPromise = feedUrls.length >= MIN_FEED ? feedSignatures(feedUrls) : Promise.resolve([]);
    const titlePromise = title.trim()
      ? classifyTexts(['clickbait'], [title]).then(
          (result) => result.probabilities[0]?.[0] ?? null,
          () => null,
        )
      : Promise.resolve(null);
    const faces = await facesPromise;
    // The expressions of the three largest faces are part of the face signal.
    // In this document: it is free while both workers run their detectors, and the expression
    // model is small (a few ms a face).
    const emotions = await readEmotionsLocally(bitmap, { faces, maxFaces: 3, run: runHere });
    timings.expressions = performance.now() - parallelStarted;
    const [desktopText, mobileFound] = await textPasses;
    const mobileText = desktopText.length ? mobileFound : [];
    const mark = performance.now();
    const signals = instantSignals({
      small,
      faces: {
        count: faces.length,
        largestArea: Math.max(0, ...faces.map(({ box }) => box.width * box.height)),
        expressions: emotions.faces.map((face) => face.emotion),
      },
      desktopText,
      mobileText,
      feed: await feedPromise,
      title: { length: title.trim().length, clickbait: await titlePromise },
    });
    return {
      signals,
      faces: faces.map((face) => face.box),
      text: desktopText,
      width: bitmap.width,
      height: bitmap.height,
      ms: performance.now() - started,
      timings: { ...timings, rest: performance.now() - mark },
    };
  } finally {
    bitmap.close();
  }
}

/**
 * Loads every model of the instant score into its worker (and compiles their code paths) by
 * scoring a plain grey picture once, and the expression model, which only runs where faces are:
 * a page that scores candidates calls it as it opens, so the first candidate does not wait ~2 s.
 */
export async function warmThumbnailModels(): Promise<void> {
  const canvas = new OffscreenCanvas(320, 180);
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#808080';
  context.fillRect(0, 0, 320, 180);
  await scoreThumbnailLocally(await canvas.convertToBlob({ type: 'image/png' }), 'warm up');
  const emotion = MODELS['emotion-human'].input.name;
  await runHere(EMOTION_PATH, {
    [emotion]: new ort.Tensor('float32', new Float32Array(EMOTION_SIZE * EMOTION_SIZE), [
      1,
      EMOTION_SIZE,
      EMOTION_SIZE,
      1,
    ]),
  });
}
