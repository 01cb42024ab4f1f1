import { describe, expect, it } from 'vitest';
import { colourSignature } from './colour-signature.ts';
import { instantSignals, STATS_SIZE } from './instant-signals.ts';

const solid = (rgb: [number, number, number], size: { width: number; height: number } = STATS_SIZE) =>
  Uint8Array.from({ length: size.width * size.height * 3 }, (_, i) => rgb[i % 3]!);
const line = (y: number, height: number) => ({ x: 0.1, y, width: 0.8, height, lineHeight: height });

describe('instantSignals', () => {
  const base = {
    small: solid([200, 40, 40]),
    faces: { count: 0, largestArea: 0 },
    desktopText: [line(0.1, 0.2)],
    mobileText: [] as ReturnType<typeof line>[],
    feed: [],
    title: { length: 30, clickbait: null },
  };

  it('compares with the home feed when it has enough thumbnails, else with the reference set', () => {
    expect(instantSignals(base).standOut).toMatchObject({ against: 'a reference set', compared: 19 });
    const grey = colourSignature(solid([120, 120, 120], { width: 4, height: 4 }), 4, 4);
    const feed = [grey, grey, { ...grey, lightness: 0.3 }, { ...grey, lightness: 0.6 }];
    const signals = instantSignals({ ...base, feed });
    expect(signals.standOut).toMatchObject({ against: 'your home feed', compared: 4 });
    expect(signals.standOut.ratio).toBeGreaterThan(1);
    expect(instantSignals({ ...base, feed: feed.slice(0, 3) }).standOut.against).toBe('a reference set');
  });

  it('text found at the desktop size but lost at the mobile size is legible on desktop only', () => {
    const { legibility, area } = instantSignals(base).text;
    expect(area).toBeGreaterThan(0.1);
    expect(legibility.desktop.legible).toBe(true);
    expect(legibility.mobile).toMatchObject({ legible: false, recall: 0 });
    expect(legibility.sidebar.legible).toBe(false);
    const kept = instantSignals({ ...base, mobileText: base.desktopText }).text.legibility;
    expect(kept.mobile.legible).toBe(true);
  });
});
