import { z } from 'zod';
import { FilterListSchema } from '../filters/schema.ts';
import { describeIssues } from '../protocol/errors.ts';

/** The most a filter list may weigh: larger ones are refused unread. */
export const LIST_MAX_BYTES = 1024 * 1024;

/**
 * A filter list to subscribe to, as uBlock Origin's lists are for ads: a JSON document at an
 * https address. `filters` is a filter list as the options page exports it (docs/filters.md);
 * `version` is set by Veneer's server for lists shared through it.
 */
export const FilterListDocumentSchema = z.object({
  veneer: z.literal(1, { message: 'not a Veneer filter list ("veneer": 1 is missing)' }),
  title: z.string().trim().min(1).max(200),
  homepage: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  /** When it last changed, as its author says (ISO 8601). */
  updated: z.string().max(40).optional(),
  version: z.number().int().positive().optional(),
  filters: FilterListSchema,
});
export type FilterListDocument = z.infer<typeof FilterListDocumentSchema>;

/** The list in `text`, or why it is not one. */
export function parseListDocument(text: string): { list: FilterListDocument } | { problem: string } {
  if (new TextEncoder().encode(text).length > LIST_MAX_BYTES)
    return { problem: `the list is larger than ${LIST_MAX_BYTES / 1024 / 1024} MB` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `the list is not JSON (${(error as Error).message})` };
  }
  const parsed = FilterListDocumentSchema.safeParse(json);
  return parsed.success
    ? { list: parsed.data }
    : { problem: `the list is not valid: ${describeIssues(parsed.error)}` };
}
