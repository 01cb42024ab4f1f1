/**
 * The words of the filter model: actions, sites, where a filter looks, the built-in classifiers
 * and their thresholds. Plain constants with no schema library, so that content scripts can use
 * them without constructing a validator on every page (schema.ts builds the schemas from them).
 */

/** Storage key of the user's filter list in extension storage. */
export const FILTERS_STORAGE_KEY = 'veneer.filters';

/**
 * What Veneer does to a matching post:
 * - `hide`: removes it from the feed (the popup can show this page's hidden posts again);
 * - `collapse`: a one-line notice with the reason and a "Show" button;
 * - `blur`: the post's text and images blurred, click to reveal;
 * - `warn`: a warning over the post with the reason, click to reveal;
 * - `blur-faces`: faces in the post's images blurred (needs cloud processing or the on-device model);
 * - `pixelate`: the post's images pixelated, click to reveal.
 */
export const FILTER_ACTIONS = ['hide', 'collapse', 'blur', 'warn', 'blur-faces', 'pixelate'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];
/** Actions that may name no words: they then apply to every post (with images). */
export const ACTIONS_FOR_EVERY_POST: readonly FilterAction[] = ['blur-faces', 'pixelate'];

/** The filter that "Hide images like this" adds example images to. */
export const IMAGES_LIKE_FILTER_ID = 'images-like-these';

/**
 * A site, as filters name it ("x", "reddit"). Which sites exist is declared by the extension's
 * site adapters (extension/content/sites.ts), not here: a list synced or stored by a newer
 * version that knows more sites is still a valid list, and the extension refuses sites it does
 * not know where a person writes or imports them.
 */
export type Site = string;
export const SITE_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** Where a filter looks for its words. */
export const LOOK_IN = ['text', 'image-text', 'image-content'] as const;
export type LookIn = (typeof LOOK_IN)[number];

/** Veneer's own text classifiers (text-models/), run on the device: no text leaves it. */
export const TEXT_CLASSIFIERS = ['offensive', 'clickbait'] as const;
export type TextClassifier = (typeof TEXT_CLASSIFIERS)[number];
export const TEXT_CLASSIFIER_LABELS: Record<TextClassifier, string> = {
  offensive: 'offensive language',
  clickbait: 'clickbait',
};

/** How readily a classifier flags a post: the probability it must reach. */
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const SENSITIVITY_THRESHOLDS: Record<Sensitivity, number> = { low: 0.8, medium: 0.5, high: 0.3 };
/** The detection score an object must reach in an image (detector scores run lower than class probabilities). */
export const OBJECT_THRESHOLDS: Record<Sensitivity, number> = { low: 0.5, medium: 0.35, high: 0.2 };
