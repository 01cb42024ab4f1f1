import { DETECTION_MEAN, DETECTION_STD, normalizedBgr, textRegions } from '@veneer/shared/models';
import {
  type Appeal,
  appeal,
  deepSignals,
  instantSignals,
  STATS_SIZE,
  TEXT_DETECTION,
  type TextBox,
  textBoxes,
  VIEWER_SIZES,
} from '@veneer/shared/thumbs';
import sharp from 'sharp';
import { resizeToRgb } from '../images/decode.ts';
import type { ModelRunner } from '../inference/batching-runner.ts';
import type { ThumbnailScorer } from './thumbnail-scorer.ts';

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
      .resize(TEXT_DETECTION.mobile.width, TEXT_DETECTION.mobile.height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async appraise(bytes: Uint8Array, title: string): Promise<Appeal> {
    const { desktop, mobile } = TEXT_DETECTION;
    const [deep, small, desktopView, clickbait] = await Promise.all([
      this.deep.score(bytes, title),
      resizeToRgb(bytes, STATS_SIZE.width, STATS_SIZE.height, this.maxPixels),
      resizeToRgb(bytes, desktop.width, desktop.height, this.maxPixels),
      this.titles?.probability(title).catch(() => null) ?? Promise.resolve(null),
    ]);
    const desktopText = await this.detectText(desktopView, desktop.width, desktop.height);
    const mobileText = desktopText.length
      ? await this.detectText(await this.mobileView(bytes), mobile.width, mobile.height)
      : [];
    const deepParts = deepSignals(deep);
    // No feed to compare with here: the reference set.
    const instant = instantSignals({
      small,
      faces: deepParts.faces,
      desktopText,
      mobileText,
      feed: [],
      title: { length: title.trim().length, clickbait },
    });
    return appeal(instant, deepParts);
  }
}
