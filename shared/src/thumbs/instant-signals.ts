import type { FacesSignal, InstantSignals, TitleSignal } from './appeal.ts';
import { type ColourSignature, colourSignature, standOut } from './colour-signature.ts';
import { imageStats } from './image-stats.ts';
import { legibilityAt, type TextBox, textArea } from './legibility.ts';
import { REFERENCE_FEED } from './reference-feed.ts';

/**
 * How the instant signals are measured, the same in the browser and on the inference node:
 * statistics on the thumbnail at 160x90; PaddleOCR's text detector on the whole thumbnail at
 * `desktop` (the desktop home grid shows 320x180: this pass is both the reference and the desktop
 * check) and on the thumbnail shrunk to the mobile feed's 168x94 and brought back up to `mobile`,
 * so the detail lost on the way down stays lost.
 */
export const STATS_SIZE = { width: 160, height: 90 } as const;
export const TEXT_DETECTION = {
  desktop: { width: 320, height: 192 },
  mobile: { width: 224, height: 128 },
} as const;
/** Fewer feed thumbnails than this and the candidate is compared with the reference set. */
export const MIN_FEED = 4;

export interface InstantMeasurements {
  /** The thumbnail's RGB bytes at STATS_SIZE. */
  small: Uint8Array;
  faces: FacesSignal;
  /** Text found at TEXT_DETECTION.desktop, and in the mobile-size view (empty when there was no text). */
  desktopText: readonly TextBox[];
  mobileText: readonly TextBox[];
  /** Signatures of the creator's home-feed thumbnails (fewer than MIN_FEED: the reference set). */
  feed: readonly ColourSignature[];
  title: TitleSignal;
}

export function instantSignals(m: InstantMeasurements): InstantSignals {
  const useFeed = m.feed.length >= MIN_FEED;
  return {
    stats: imageStats(m.small, STATS_SIZE.width, STATS_SIZE.height),
    faces: m.faces,
    text: {
      area: textArea(m.desktopText),
      legibility: {
        mobile: legibilityAt('mobile', m.desktopText, m.mobileText),
        desktop: legibilityAt('desktop', m.desktopText, m.desktopText),
        // The sidebar shows thumbnails at the mobile feed's size.
        sidebar: legibilityAt('sidebar', m.desktopText, m.mobileText),
      },
    },
    standOut: {
      ...standOut(
        colourSignature(m.small, STATS_SIZE.width, STATS_SIZE.height),
        useFeed ? m.feed : REFERENCE_FEED,
      ),
      against: useFeed ? 'your home feed' : 'a reference set',
    },
    title: m.title,
  };
}
