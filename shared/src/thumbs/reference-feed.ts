import type { ColourSignature } from './colour-signature.ts';
import reference from './reference-feed.json' with { type: 'json' };

/**
 * What a candidate is compared with before the extension has seen the creator's own home feed:
 * signatures of the photos in ../shared/data, made by shared/scripts/reference-feed.ts. A stand-in
 * for a real feed sample, named as such in the score ("a reference set").
 */
export const REFERENCE_FEED: readonly ColourSignature[] = reference.signatures.map(
  ({ lightness, rg, yb, hues }) => ({ lightness, rg, yb, hues }),
);
