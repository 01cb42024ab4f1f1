import { z } from 'zod';
import { decodeIndices, decodeWeights } from '../learning/codec.ts';
import { LEARNED_DIMENSIONS, MAX_EXAMPLE_FEATURES } from '../learning/features.ts';
import { MARKS, MAX_EXAMPLES, MAX_WEIGHTS } from '../learning/learner.ts';
import { AUTHOR_BADGES, POST_KINDS } from './accounts.ts';
import { parseTerms } from './terms.ts';
import {
  ACTIONS_FOR_EVERY_POST,
  FILTER_ACTIONS,
  LOOK_IN,
  SENSITIVITIES,
  SITE_ID,
  TEXT_CLASSIFIERS,
} from './vocabulary.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/**
 * The longest a learned filter's encoded numbers can be: a feature's gap takes at most 3 bytes
 * (2^20 buckets), a weight 5 (its gap and 2 bytes), a spared post's hash 5; base64 adds a third.
 */
const MAX_ENCODED_FEATURES = Math.ceil((MAX_EXAMPLE_FEATURES * 3 * 4) / 3) + 4;
const MAX_ENCODED_WEIGHTS = Math.ceil((MAX_WEIGHTS * 5 * 4) / 3) + 4;
const MAX_ENCODED_SPARED = Math.ceil((MAX_EXAMPLES * 5 * 4) / 3) + 4;

/** Why a learned filter's stored numbers cannot be read, or null when they can. */
function unreadableLearned(learned: {
  examples: Array<{ features: string }>;
  weights: string;
  spared: string;
}) {
  try {
    for (const example of learned.examples) decodeIndices(example.features, LEARNED_DIMENSIONS);
    decodeWeights(learned.weights, LEARNED_DIMENSIONS);
    decodeIndices(learned.spared, 2 ** 32);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The error of an object with fields this version does not know: their names, and why. */
function unknownFields(issue: { code?: string; keys?: readonly string[] }): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const fields = (issue.keys ?? []).map((key) => `"${key}"`).join(', ');
  return `it has ${fields}, which this version of Veneer does not know (a list written by a newer version?)`;
}

/**
 * A filter. A field this version does not know (in the filter or in its parts) makes the filter
 * unreadable, not weaker: written by a newer version (a `badge` read by an older one, say),
 * dropping it would widen what the filter takes ("hide replies from verified accounts" becoming
 * "hide replies"), and a list saved or synced after would lose it for every device.
 */
export const FilterSchema = z.strictObject(
  {
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
      .array(
        z.strictObject(
          { hash: z.string().regex(/^[0-9a-f]{16}$/), from: z.string().max(500).optional() },
          { error: unknownFields },
        ),
      )
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
    /**
     * Only posts whose author shows a verified badge (`verified`) or shows none (`none`); absent
     * means either. On a site that shows no badges (Reddit, Mastodon) such a filter takes nothing.
     */
    badge: z.enum(AUTHOR_BADGES).optional(),
    /**
     * A learned filter ("Hide posts like this", then "Hide this too" and "Not this"): the examples it
     * learned from as hashed features (never the post's text), its model, and hashes of the posts
     * marked "Not this" (shared/src/learning). Trained in the background; a feed page only reads it.
     */
    learned: z
      .strictObject(
        {
          examples: z
            .array(
              z.strictObject(
                {
                  mark: z.enum(MARKS),
                  features: z.string().max(MAX_ENCODED_FEATURES).regex(BASE64, 'hashed features in base64'),
                },
                { error: unknownFields },
              ),
            )
            .max(MAX_EXAMPLES),
          weights: z.string().max(MAX_ENCODED_WEIGHTS).regex(BASE64, 'weights in base64'),
          spared: z.string().max(MAX_ENCODED_SPARED).regex(BASE64, 'hashes in base64').default(''),
        },
        { error: unknownFields },
      )
      .optional(),
    /** Sites where the filter applies; empty means every site. */
    sites: z
      .array(z.string().regex(SITE_ID, 'a site is named in lower-case letters, like "x" or "reddit"'))
      .max(20)
      .default([]),
    /** When the filter stops applying (epoch ms); absent means never. */
    expiresAt: z.number().int().positive().optional(),
    enabled: z.boolean().default(true),
  },
  {
    error: unknownFields,
  },
);
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
      const learnedProblem = filter.learned ? unreadableLearned(filter.learned) : null;
      if (learnedProblem) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'learned'],
          message: `the learned filter "${filter.id}" cannot be read (${learnedProblem}): reset it in the options page`,
        });
      }
      const matchesSomething =
        terms.some((t) => t.kind !== 'exclude') ||
        filter.learned ||
        filter.classifier ||
        filter.imageExamples.length > 0 ||
        filter.from.length > 0 ||
        filter.kinds.length > 0 ||
        filter.badge !== undefined;
      if (!matchesSomething && !ACTIONS_FOR_EVERY_POST.includes(filter.action)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'words'],
          message: `a ${filter.action} filter needs words, a classifier, example images, accounts, kinds of post or a badge`,
        });
      }
    });
  });
export type FilterList = z.infer<typeof FilterListSchema>;
