import { z } from 'zod';
import { POST_KINDS } from './accounts.ts';
import { parseTerms } from './terms.ts';
import {
  ACTIONS_FOR_EVERY_POST,
  FILTER_ACTIONS,
  LOOK_IN,
  SENSITIVITIES,
  SITE_ID,
  TEXT_CLASSIFIERS,
} from './vocabulary.ts';

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
  /**
   * Only posts from these accounts or communities ("@handle", "u/name", "r/name", a YouTube
   * channel's or an account's name, a Mastodon instance); empty means from anyone.
   */
  from: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
  /** Never posts from these (same forms as `from`). */
  exceptFrom: z.array(z.string().trim().min(1).max(200)).max(500).default([]),
  /** Only posts of these kinds (POST_KINDS); empty means any kind. */
  kinds: z.array(z.enum(POST_KINDS)).max(POST_KINDS.length).default([]),
  /** Sites where the filter applies; empty means every site. */
  sites: z
    .array(z.string().regex(SITE_ID, 'a site is named in lower-case letters, like "x" or "reddit"'))
    .max(20)
    .default([]),
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
        terms.some((t) => t.kind !== 'exclude') ||
        filter.classifier ||
        filter.imageExamples.length > 0 ||
        filter.from.length > 0 ||
        filter.kinds.length > 0;
      if (!matchesSomething && !ACTIONS_FOR_EVERY_POST.includes(filter.action)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'words'],
          message: `a ${filter.action} filter needs words, a classifier, example images, accounts or kinds of post`,
        });
      }
    });
  });
export type FilterList = z.infer<typeof FilterListSchema>;
