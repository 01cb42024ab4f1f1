import { DETECTION_MEAN, DETECTION_STD, MODELS, normalizedBgr, textRegions } from '@veneer/shared/models';
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
import { imageBlob } from './image-blob.ts';
import { drawRgb } from './image-pixels.ts';
import { readEmotionsLocally } from './local-emotion.ts';
import { classifyTexts } from './local-text.ts';
import { detectYunetFaces } from './local-yunet.ts';
import { type RunModel, runHere, runInWorker } from './model-runner.ts';
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
  image: ImageRef,
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
      resizeQuality: 'medium',
    });
  } catch {
    throw new Error('the file is not an image this browser can read');
  }
  try {
    const small = drawRgb(bitmap, STATS_SIZE.width, STATS_SIZE.height);
    const feedPromise = feedUrls.length >= MIN_FEED ? feedSignatures(feedUrls) : Promise.resolve([]);
    const titlePromise = title.trim()
      ? classifyTexts('clickbait', [title]).then(
          (result) => result.probabilities[0] ?? null,
          () => null,
        )
      : Promise.resolve(null);
    const timings: Record<string, number> = { decode: performance.now() - started };
    // Two cores: faces and the mobile-size text pass go to the model worker while this document
    // runs the desktop-size text pass. The mobile pass starts before it is known whether there is
    // any text, so it never waits for the desktop pass (without text its answer is not used).
    const parallelStarted = performance.now();
    const facesPromise = detectYunetFaces(bitmap, bitmap.width, bitmap.height, runInWorker);
    const { desktop, mobile } = TEXT_DETECTION;
    const mobilePromise = detectText(
      shrunk(bitmap, VIEWER_SIZES.mobile),
      mobile.width,
      mobile.height,
      runInWorker,
    );
    const desktopText = await detectText(bitmap, desktop.width, desktop.height, runHere);
    timings.text_desktop = performance.now() - parallelStarted;
    const faces = await facesPromise;
    // The expressions of the three largest faces are part of the face signal.
    const emotions = await readEmotionsLocally(bitmap, { faces, maxFaces: 3, run: runHere });
    const mobileFound = await mobilePromise;
    const mobileText = desktopText.length ? mobileFound : [];
    timings.faces_and_mobile_text = performance.now() - parallelStarted;
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
