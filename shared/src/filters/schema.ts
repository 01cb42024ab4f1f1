import { z } from 'zod';

/** Storage key of the user's filter list in extension storage. */
export const FILTERS_STORAGE_KEY = 'veneer.filters';

export const FILTER_ACTIONS = ['collapse', 'blur-faces'] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

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
      if (filter.action === 'collapse' && filter.words.trim() === '') {
        ctx.addIssue({ code: 'custom', path: [index, 'words'], message: 'a collapse filter needs words' });
      }
    });
  });
export type FilterList = z.infer<typeof FilterListSchema>;
