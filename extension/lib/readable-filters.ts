import { type Filter, FilterListSchema } from '@veneer/shared/filters';

export interface UnreadableFilter {
  /** Its place in the stored list, from 1. */
  position: number;
  /** Its id or words, as far as they can be read, to name it. */
  label: string;
  reason: string;
}

/**
 * The filters of a stored list that can still be read, and those that cannot, each with why: a
 * list written by a newer version (a kind this one does not know), or a filter an update now
 * refuses (a regular expression found slow), must not switch off every other filter. A later
 * filter with an id already taken is unreadable too.
 */
export function readableFilters(stored: readonly unknown[]): {
  filters: Filter[];
  unreadable: UnreadableFilter[];
} {
  const filters: Filter[] = [];
  const unreadable: UnreadableFilter[] = [];
  stored.forEach((item, index) => {
    const record = (item ?? {}) as { id?: unknown; words?: unknown };
    const label = String(record.id ?? record.words ?? '').slice(0, 60);
    const parsed = FilterListSchema.safeParse([item]);
    if (!parsed.success) {
      unreadable.push({
        position: index + 1,
        label,
        reason: parsed.error.issues[0]?.message ?? 'unreadable',
      });
      return;
    }
    const filter = parsed.data[0]!;
    if (filters.some((f) => f.id === filter.id)) {
      unreadable.push({ position: index + 1, label, reason: `duplicate filter id "${filter.id}"` });
      return;
    }
    filters.push(filter);
  });
  // The list's own limits (its length) apply to what is kept.
  const kept = FilterListSchema.safeParse(filters);
  return kept.success ? { filters: kept.data, unreadable } : { filters: [], unreadable };
}
