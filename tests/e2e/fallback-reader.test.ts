import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithoutExtension } from './browser.ts';
import { FALLBACK_CASES, fallbackFigures, measureFallbackOn } from './fallback-measure.ts';

/**
 * The fallback reader on each site's feed pages after a site update took away everything the
 * packs select by: it finds the posts, one item per post, with their words.
 */
let browser: Awaited<ReturnType<typeof launchWithoutExtension>>;

beforeAll(async () => {
  browser = await launchWithoutExtension();
});

afterAll(async () => {
  await browser?.close();
});

describe('the fallback reader on changed pages', () => {
  for (const fallbackCase of FALLBACK_CASES)
    for (const withModule of [false, true]) {
      it(`reads the posts of ${fallbackCase.name}${withModule ? ', and not a module between them' : ''}`, async () => {
        const measure = await measureFallbackOn(browser.context, fallbackCase, { withModule });
        const figures = fallbackFigures(measure);
        expect(measure.truth).toBeGreaterThanOrEqual(fallbackCase.minimum);
        expect(measure.sharedIds).toBe(0);
        expect(figures.recall).toBeGreaterThanOrEqual(0.9);
        expect(figures.precision).toBeGreaterThanOrEqual(0.9);
        expect(figures.sameWords).toBeGreaterThanOrEqual(0.9);
      });
    }
});
