import { type Filter, FilterSchema } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { exportFilters, importFilters } from './filter-import.ts';

const SITES = ['x', 'reddit'];
const f = (id: string, words = id): Filter => FilterSchema.parse({ id, words, action: 'collapse' });

describe('importFilters', () => {
  it('round-trips an export and replaces filters with the same id', () => {
    const current = [f('a'), f('b')];
    const exported = exportFilters([{ ...f('b', 'bees'), action: 'blur' }, f('c')]);
    const result = importFilters(current, exported, SITES);
    expect('filters' in result && result.filters.map((x) => [x.id, x.words, x.action])).toEqual([
      ['a', 'a', 'collapse'],
      ['b', 'bees', 'blur'],
      ['c', 'c', 'collapse'],
    ]);
    expect(importFilters(current, exportFilters(current), SITES)).toEqual({ filters: current });
  });

  it('accepts a bare array and fills defaults', () => {
    const result = importFilters([], '[{"id":"x","words":"spiders","action":"hide"}]', SITES);
    expect(result).toEqual({ filters: [expect.objectContaining({ id: 'x', enabled: true, sites: [] })] });
  });

  it('says what is wrong and imports nothing from a bad file', () => {
    expect(importFilters([], 'not json', SITES)).toEqual({ error: 'That is not valid JSON.' });
    expect(importFilters([], '{"x":1}', SITES)).toEqual({ error: expect.stringMatching(/list of filters/) });
    const bad = importFilters([f('a')], '[{"id":"x","words":"/(a+)+/","action":"hide"}]', SITES);
    expect(bad).toEqual({ error: expect.stringMatching(/^Nothing was imported: .*freeze the page/) });
  });

  it('refuses sites the extension does not know, naming them', () => {
    const result = importFilters(
      [f('a')],
      '[{"id":"x","words":"cats","action":"hide","sites":["x","facebok"]}]',
      SITES,
    );
    expect(result).toEqual({
      error: 'Nothing was imported: Veneer does not know the site "facebok" (it knows x, reddit).',
    });
  });
});
