import type { Filter } from './schema.ts';

const same = (a: Filter | undefined, b: Filter | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of filter lists by id. `base` is the list both sides last agreed on. A filter
 * changed (or deleted) on one side only takes that side's version; changed on both, the local
 * edit wins, and an edit beats a deletion. Order: the remote list's order, then filters added here.
 */
export function mergeFilters(base: Filter[], local: Filter[], remote: Filter[]): Filter[] {
  const byId = (list: Filter[]) => new Map(list.map((f) => [f.id, f]));
  const [b, l, r] = [byId(base), byId(local), byId(remote)];
  const order = [...new Set([...remote.map((f) => f.id), ...local.map((f) => f.id)])];
  const merged: Filter[] = [];
  for (const id of order) {
    const [was, mine, theirs] = [b.get(id), l.get(id), r.get(id)];
    let chosen: Filter | undefined;
    if (same(mine, was)) chosen = theirs;
    else if (same(theirs, was)) chosen = mine;
    else chosen = mine ?? theirs;
    if (chosen) merged.push(chosen);
  }
  return merged;
}

export function sameFilters(a: Filter[], b: Filter[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
