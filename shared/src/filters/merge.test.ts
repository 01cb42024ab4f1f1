import { describe, expect, it } from 'vitest';
import { mergeFilters } from './merge.ts';
import type { Filter } from './schema.ts';

const f = (id: string, words = id, enabled = true): Filter => ({
  id,
  words,
  action: 'collapse',
  enabled,
  sensitivity: 'medium',
  lookIn: ['text'],
  imageExamples: [],
  from: [],
  exceptFrom: [],
  kinds: [],
  sites: [],
});

describe('mergeFilters', () => {
  const base = [f('a'), f('b'), f('c')];

  it('keeps additions from both sides', () => {
    expect(mergeFilters(base, [...base, f('local')], [...base, f('remote')]).map((x) => x.id)).toEqual([
      'a',
      'b',
      'c',
      'remote',
      'local',
    ]);
  });

  it('takes the side that changed a filter, and the local edit when both did', () => {
    const local = [f('a', 'a-local'), f('b'), f('c', 'c-local')];
    const remote = [f('a'), f('b', 'b-remote'), f('c', 'c-remote')];
    expect(mergeFilters(base, local, remote)).toEqual([
      f('a', 'a-local'),
      f('b', 'b-remote'),
      f('c', 'c-local'),
    ]);
  });

  it('respects deletions on either side, unless the other side edited the filter', () => {
    const local = [f('b'), f('c', 'c-edited')];
    const remote = [f('a'), f('b')];
    expect(mergeFilters(base, local, remote)).toEqual([f('b'), f('c', 'c-edited')]);
  });

  it('is the remote list when nothing changed here', () => {
    const remote = [f('c'), f('a', 'renamed')];
    expect(mergeFilters(base, base, remote)).toEqual(remote);
  });
});
