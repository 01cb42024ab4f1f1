import fs from 'node:fs';
import { type Filter, FilterListSchema, POST_KINDS, type PostKind, postKinds } from '@veneer/shared/filters';
import { describeIssues } from '@veneer/shared/protocol';
import { parse } from 'csv-parse/sync';
import type { PostRow } from './judge-posts.ts';

/** A refusal of the inputs, said plainly (the CLI prints it and exits with 2). */
export class InputError extends Error {}

function readFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${what} ${file} does not exist` : `${what} ${file} cannot be read (${code})`,
    );
  }
}

/** A filter list file: the array, or `{ "filters": [...] }` as the options page exports it. */
export function readFilters(file: string): Filter[] {
  let data: unknown;
  try {
    data = JSON.parse(readFile(file, 'the filter list'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`the filter list ${file} is not JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { filters?: unknown } | null)?.filters;
  if (!Array.isArray(list))
    throw new InputError(`the filter list ${file} must be a list of filters (or an object with "filters")`);
  const parsed = FilterListSchema.safeParse(list);
  if (!parsed.success)
    throw new InputError(`the filter list ${file} is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** A row's `kind` cell: kinds separated by spaces, commas or semicolons; empty: not known. */
function kindsOf(cell: string | undefined, file: string, row: number): PostKind[] | undefined {
  const named = (cell ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((k) => k.toLowerCase());
  if (named.length === 0) return undefined;
  const unknown = named.find((kind) => !(POST_KINDS as readonly string[]).includes(kind));
  if (unknown)
    throw new InputError(
      `the posts file ${file} names an unknown kind "${unknown}" in row ${row} (kinds: ${POST_KINDS.join(', ')})`,
    );
  return postKinds(named as PostKind[]);
}

const YES = new Set(['true', 'yes', '1', 'verified']);
const NO = new Set(['false', 'no', '0', 'none']);

/** A row's `verified` cell: whether the author shows a verified badge; empty: not known. */
function verifiedOf(cell: string | undefined, file: string, row: number): boolean | undefined {
  const value = (cell ?? '').trim().toLowerCase();
  if (value === '') return undefined;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new InputError(
    `the posts file ${file} says "${cell}" in row ${row}'s verified column (true or false; empty: not known)`,
  );
}

/**
 * A posts file: CSV with a header, a `text` column and optional `id`, `author`, `community`,
 * `site`, `kind` and `verified`.
 */
export function readPosts(file: string): PostRow[] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(readFile(file, 'the posts file'), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`the posts file ${file} is not CSV: ${(error as Error).message}`);
  }
  if (rows.length > 0 && !('text' in rows[0]!))
    throw new InputError(
      `the posts file ${file} has no "text" column (its columns: ${Object.keys(rows[0]!).join(', ')})`,
    );
  return rows.map((row, i) => ({
    id: row.id?.trim() || String(i + 1),
    text: row.text ?? '',
    author: (row.author ?? '').trim(),
    community: (row.community ?? '').trim(),
    site: (row.site ?? '').trim().toLowerCase(),
    kinds: kindsOf(row.kind, file, i + 2),
    verified: verifiedOf(row.verified, file, i + 2),
  }));
}
