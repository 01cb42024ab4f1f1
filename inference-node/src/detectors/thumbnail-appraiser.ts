import { DETECTION_MEAN, DETECTION_STD, normalizedBgr, textRegions } from '@veneer/shared/models';
import {
  type Appeal,
  appeal,
  colourSignature,
  deepSignals,
  type InstantSignals,
  imageStats,
  legibilityAt,
  REFERENCE_FEED,
  standOut,
  type TextBox,
  textArea,
  textBoxes,
  VIEWER_SIZES,
} from '@veneer/shared/thumbs';
import sharp from 'sharp';
import { resizeToRgb } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';
import type { ThumbnailScorer } from './thumbnail-scorer.ts';

/** The text detector's input at the desktop grid's size, and for the mobile feed's size brought back up (as in the browser). */
const DESKTOP_DETECTION = { width: 320, height: 192 };
const MOBILE_DETECTION = { width: 224, height: 128 };

export interface TitleClassifier {
  probability(text: string): Promise<number>;
}

/**
 * The whole thumbnail-lab score on the inference node, for `POST /score` (tools outside the
 * extension): the instant signals computed with the same shared code and the same detector
 * sizes as the browser, the faces from the deep score (full resolution), the deep score itself,
 * and the title's clickbait probability from Veneer's own model. Without a feed to compare with,
 * the candidate is compared with the bundled reference set.
 */
export class ThumbnailAppraiser {
  private readonly textDetector: ModelRunner;
  private readonly deep: Pick<ThumbnailScorer, 'score'>;
  private readonly titles: TitleClassifier | null;
  private readonly maxPixels: number;

  constructor(
    textDetector: ModelRunner,
    deep: Pick<ThumbnailScorer, 'score'>,
    titles: TitleClassifier | null,
    maxPixels: number,
  ) {
    this.textDetector = textDetector;
    this.deep = deep;
    this.titles = titles;
    this.maxPixels = maxPixels;
  }

  private async detectText(rgb: Uint8Array, width: number, height: number): Promise<TextBox[]> {
    const outputs = await this.textDetector.run({
      x: {
        data: normalizedBgr(rgb, width, height, DETECTION_MEAN, DETECTION_STD),
        dims: [1, 3, height, width],
      },
    });
    return textBoxes(textRegions(Object.values(outputs)[0]!.data, width, height), width, height);
  }

  /** The thumbnail shrunk to the mobile feed's size, then brought back up to the detector's input. */
  private async mobileView(bytes: Uint8Array): Promise<Uint8Array> {
    const { width, height } = VIEWER_SIZES.mobile;
    const small = await resizeToRgb(bytes, width, height, this.maxPixels);
    const { data } = await sharp(small, { raw: { width, height, channels: 3 } })
      .resize(MOBILE_DETECTION.width, MOBILE_DETECTION.height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async appraise(bytes: Uint8Array, title: string): Promise<Appeal> {
    const [deep, small, desktop, clickbait] = await Promise.all([
      this.deep.score(bytes, title),
      resizeToRgb(bytes, 160, 90, this.maxPixels),
      resizeToRgb(bytes, DESKTOP_DETECTION.width, DESKTOP_DETECTION.height, this.maxPixels),
      this.titles?.probability(title).catch(() => null) ?? Promise.resolve(null),
    ]);
    const reference = await this.detectText(desktop, DESKTOP_DETECTION.width, DESKTOP_DETECTION.height);
    const mobile = reference.length
      ? await this.detectText(await this.mobileView(bytes), MOBILE_DETECTION.width, MOBILE_DETECTION.height)
      : [];
    const deepParts = deepSignals(deep);
    const instant: InstantSignals = {
      stats: imageStats(small, 160, 90),
      faces: deepParts.faces,
      text: {
        area: textArea(reference),
        legibility: {
          mobile: legibilityAt('mobile', reference, mobile),
          desktop: legibilityAt('desktop', reference, reference),
          sidebar: legibilityAt('sidebar', reference, mobile),
        },
      },
      standOut: { ...standOut(colourSignature(small, 160, 90), REFERENCE_FEED), against: 'a reference set' },
      title: { length: title.trim().length, clickbait },
    };
    return appeal(instant, deepParts);
  }
}
