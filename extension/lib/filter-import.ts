import { type Filter, FilterListSchema } from '@veneer/shared/filters';
import { describeIssues } from '@veneer/shared/protocol';
import { t } from './i18n.ts';

/**
 * Reads an exported filter list (the array, or `{ "filters": [...] }`) and adds it to the
 * current list: a filter with an id already there replaces it (importing the same file twice
 * changes nothing), the rest are appended. Returns the new list or a message saying what is wrong.
 */
export function importFilters(
  current: Filter[],
  json: string,
  knownSites: readonly string[],
): { filters: Filter[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { error: t('problem.notJson') };
  }
  const list = Array.isArray(data) ? data : (data as { filters?: unknown } | null)?.filters;
  if (!Array.isArray(list)) return { error: t('problem.notAList') };
  const parsed = FilterListSchema.safeParse(list);
  if (!parsed.success) return { error: t('problem.notImported', { reason: describeIssues(parsed.error) }) };
  const unknown = [...new Set(parsed.data.flatMap((f) => f.sites))].filter((s) => !knownSites.includes(s));
  if (unknown.length > 0)
    return {
      error: t('problem.unknownSites', unknown.length, {
        sites: unknown.map((s) => `"${s}"`).join(', '),
        known: knownSites.join(', '),
      }),
    };
  const incoming = new Map(parsed.data.map((f) => [f.id, f]));
  const merged = current.map((f) => incoming.get(f.id) ?? f);
  for (const filter of parsed.data) if (!current.some((f) => f.id === filter.id)) merged.push(filter);
  const result = FilterListSchema.safeParse(merged);
  return result.success ? { filters: result.data } : { error: describeIssues(result.error) };
}

/** The list as a file to download: `{ "veneer": 1, "filters": [...] }`. */
export function exportFilters(filters: Filter[]): string {
  return JSON.stringify({ veneer: 1, exportedAt: new Date().toISOString(), filters }, null, 2);
}

export const EXPIRY_MS = { '24h': 24 * 3600_000, '1w': 7 * 24 * 3600_000 } as const;
