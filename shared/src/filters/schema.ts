import { z } from 'zod';
import { parseTerms } from './terms.ts';

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

/** The sites Veneer rewrites, one adapter each. */
export const SITES = ['x', 'reddit', 'youtube', 'bluesky', 'mastodon'] as const;
export type Site = (typeof SITES)[number];

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

export const FilterSchema = z.object({
  /** Stable id, unique within the list. */
  id: z.string().min(1).max(64),
  /**
   * Plain words: terms separated by commas or new lines ("spiders, crypto giveaway"). A term
   * matches its word forms (spider, spiders, spidering), ignoring case; `"exact phrase"` in quotes
   * matches only as written; `/regular expression/` (flags i, u) for advanced users;
   * `not: spider-man` excludes what it names. Empty is allowed for `blur-faces` and `pixelate`,
   * where it means "every post with images".
   */
  words: z.string().max(2000).default(''),
  action: z.enum(FILTER_ACTIONS),
  /**
   * A built-in model instead of (or besides) words: the post's text is judged on the device by
   * Veneer's own classifier ("offensive" language, "clickbait" titles).
   */
  classifier: z.enum(TEXT_CLASSIFIERS).optional(),
  /** How readily the classifier flags a post. */
  sensitivity: z.enum(SENSITIVITIES).default('medium'),
  /**
   * Where the filter looks: the post's `text`, the `image-text` inside its images (read by the
   * inference node's OCR, so only while cloud processing is on), and/or the `image-content`
   * (what the on-device image model sees: words like "nudity" map to its classes).
   */
  lookIn: z.array(z.enum(LOOK_IN)).min(1).max(LOOK_IN.length).default(['text']),
  /**
   * Example images ("Hide images like this"): perceptual hashes (dHash, 16 hex digits) of images
   * the user pointed at; a post with an image like one of them matches.
   */
  imageExamples: z
    .array(z.object({ hash: z.string().regex(/^[0-9a-f]{16}$/), from: z.string().max(500).optional() }))
    .max(500)
    .default([]),
  /** Sites where the filter applies; empty means every site. */
  sites: z.array(z.enum(SITES)).max(SITES.length).default([]),
  /** When the filter stops applying (epoch ms); absent means never. */
  expiresAt: z.number().int().positive().optional(),
  enabled: z.boolean().default(true),
});
export type Filter = z.infer<typeof FilterSchema>;
/** A filter as written by hand or imported: defaults may be left out. */
export type FilterInput = z.input<typeof FilterSchema>;

export const FilterListSchema = z
  .array(FilterSchema)
  .max(500)
  .superRefine((filters, ctx) => {
    const seen = new Set<string>();
    filters.forEach((filter, index) => {
      if (seen.has(filter.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate filter id "${filter.id}"` });
      }
      seen.add(filter.id);
      const { terms, problems } = parseTerms(filter.words);
      for (const problem of problems) {
        ctx.addIssue({ code: 'custom', path: [index, 'words'], message: problem });
      }
      const matchesSomething =
        terms.some((t) => t.kind !== 'exclude') || filter.classifier || filter.imageExamples.length > 0;
      if (!matchesSomething && !ACTIONS_FOR_EVERY_POST.includes(filter.action)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'words'],
          message: `a ${filter.action} filter needs words, a classifier or example images`,
        });
      }
    });
  });
export type FilterList = z.infer<typeof FilterListSchema>;
