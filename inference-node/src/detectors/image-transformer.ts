import { type Box, MAX_TRANSFORM_BYTES, type TransformResult } from '@veneer/shared/protocol';
import sharp from 'sharp';
import { decoding, inspectImage } from '../images/decode.ts';
import type { FaceDetector } from './face-detector.ts';
import type { OcrReader } from './ocr-reader.ts';

export interface TransformRequest {
  effect: 'blur' | 'pixelate';
  regions: 'faces' | 'text' | 'boxes' | 'all';
  boxes?: Box[] | undefined;
  maxSide?: number | undefined;
}

/** Faces are grown so hair and chin are covered; text boxes a little for descenders. */
const grow = (box: Box, by: number): Box => {
  const x = Math.max(0, box.x - box.width * by);
  const y = Math.max(0, box.y - box.height * by);
  return {
    x,
    y,
    width: Math.min(1 - x, box.width * (1 + 2 * by)),
    height: Math.min(1 - y, box.height * (1 + 2 * by)),
  };
};

/**
 * A new image with regions blurred or pixelated: the faces (UltraFace), the text lines (OCR), the
 * boxes given, or the whole image. The output is WebP, at most `maxSide` px on its longer side and
 * at most MAX_TRANSFORM_BYTES (quality, then size, come down until it fits).
 */
export class ImageTransformer {
  private readonly faces: FaceDetector;
  private readonly ocr: Pick<OcrReader, 'read'>;
  private readonly maxPixels: number;

  constructor(faces: FaceDetector, ocr: Pick<OcrReader, 'read'>, maxPixels: number) {
    this.faces = faces;
    this.ocr = ocr;
    this.maxPixels = maxPixels;
  }

  async transform(bytes: Uint8Array, request: TransformRequest): Promise<TransformResult> {
    await inspectImage(bytes, this.maxPixels);
    const regions = await this.regions(bytes, request);
    const maxSide = request.maxSide ?? 1024;
    const { data: base, info } = await decoding(() =>
      sharp(bytes, { limitInputPixels: this.maxPixels, pages: 1 })
        .rotate()
        .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
        .removeAlpha()
        .png()
        .toBuffer({ resolveWithObject: true }),
    );
    const pieces = await Promise.all(
      regions.map((box) => this.piece(base, info.width, info.height, box, request.effect)),
    );
    const composed = await sharp(base)
      .composite(pieces.filter((p) => p !== null))
      .png()
      .toBuffer();
    let output = await sharp(composed).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
    for (let scale = 0.75; output.data.byteLength > MAX_TRANSFORM_BYTES && scale > 0.1; scale *= 0.75) {
      output = await sharp(composed)
        .resize(Math.round(info.width * scale))
        .webp({ quality: 60 })
        .toBuffer({ resolveWithObject: true });
    }
    return {
      type: 'transform',
      mime: 'image/webp',
      width: output.info.width,
      height: output.info.height,
      applied: regions.length,
      data: output.data.toString('base64'),
    };
  }

  private async regions(bytes: Uint8Array, request: TransformRequest): Promise<Box[]> {
    switch (request.regions) {
      case 'all':
        return [{ x: 0, y: 0, width: 1, height: 1 }];
      case 'boxes':
        return request.boxes ?? [];
      case 'faces':
        return (await this.faces.detect(bytes)).faces.map((face) => grow(face.box, 0.15));
      case 'text':
        return (await this.ocr.read(bytes)).lines.map((line) => grow(line.box, 0.05));
    }
  }

  /** The region cut out, blurred or pixelated, ready to composite back at its place. */
  private async piece(base: Buffer, width: number, height: number, box: Box, effect: 'blur' | 'pixelate') {
    const left = Math.min(width - 1, Math.max(0, Math.floor(box.x * width)));
    const top = Math.min(height - 1, Math.max(0, Math.floor(box.y * height)));
    const w = Math.min(width - left, Math.max(2, Math.ceil(box.width * width)));
    const h = Math.min(height - top, Math.max(2, Math.ceil(box.height * height)));
    if (w < 2 || h < 2) return null;
    const region = sharp(base).extract({ left, top, width: w, height: h });
    let input: Buffer;
    if (effect === 'blur') {
      input = await region
        .blur(Math.max(3, Math.min(w, h) / 6))
        .png()
        .toBuffer();
    } else {
      const block = Math.max(4, Math.round(Math.min(w, h) / 8));
      const small = await region
        .resize(Math.max(1, Math.round(w / block)), Math.max(1, Math.round(h / block)), { kernel: 'cubic' })
        .png()
        .toBuffer();
      input = await sharp(small).resize(w, h, { kernel: 'nearest' }).png().toBuffer();
    }
    return { input, left, top };
  }
}
