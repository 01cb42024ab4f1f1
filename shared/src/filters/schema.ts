import { z } from 'zod';

/** Storage key of the user's filter list in extension storage. */
export const FILTERS_STORAGE_KEY = 'veneer.filters';

export const FILTER_ACTIONS = ['collapse', 'blur-faces'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** Veneer's own text classifiers (text-models/), run on the device: no text leaves it. */
export const TEXT_CLASSIFIERS = ['offensive', 'clickbait'] as const;
export type TextClassifier = (typeof TEXT_CLASSIFIERS)[number];
export const TEXT_CLASSIFIER_LABELS: Record<TextClassifier, string> = {
  offensive: 'offensive language',
  clickbait: 'clickbait',
};

export const FilterSchema = z.object({
  /** Stable id, unique within the list. */
  id: z.string().min(1).max(64),
  /**
   * Plain words: one or more terms separated by commas or new lines ("spiders, tarantula").
   * Matching ignores case and accepts singular/plural forms. Empty is allowed only for
   * `blur-faces`, where it means "every post with images".
   */
  words: z.string().max(1000).default(''),
  action: z.enum(FILTER_ACTIONS),
  /**
   * A built-in model instead of (or besides) words: the post's text is judged on the device by
   * Veneer's own classifier ("offensive" language, "clickbait" titles).
   */
  classifier: z.enum(TEXT_CLASSIFIERS).optional(),
  enabled: z.boolean().default(true),
});
export type Filter = z.infer<typeof FilterSchema>;

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
      if (filter.action === 'collapse' && filter.words.trim() === '' && !filter.classifier) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'words'],
          message: 'a collapse filter needs words or a classifier',
        });
      }
    });
  });
export type FilterList = z.infer<typeof FilterListSchema>;
