import { describe, expect, it } from 'vitest';
import { compileFilter, compileFilters, filterTerms } from './matcher.ts';
import { FilterListSchema } from './schema.ts';
import { singular } from './word-forms.ts';

const filter = (words: string, action: 'collapse' | 'blur-faces' = 'collapse') => ({
  id: 'f1',
  words,
  action,
  enabled: true,
});

describe('filterTerms', () => {
  it('splits on commas and new lines and trims', () => {
    expect(filterTerms(' spiders,crypto   giveaway\nelection ,, ')).toEqual([
      'spiders',
      'crypto giveaway',
      'election',
    ]);
  });
});

describe('singular', () => {
  it.each([
    ['spiders', 'spider'],
    ['puppies', 'puppy'],
    ['boxes', 'box'],
    ['glass', 'glass'],
    ['bus', 'bus'],
    ['cat', 'cat'],
  ])('%s -> %s', (word, expected) => expect(singular(word)).toBe(expected));
});

describe('compileFilter', () => {
  it('matches singular and plural, any case, as whole words', () => {
    const spiders = compileFilter(filter('spiders'));
    expect(spiders.match('A huge SPIDER in my bath')).toBe('spiders');
    expect(spiders.match('spiders everywhere')).toBe('spiders');
    expect(spiders.match('Spider-Man is great')).toBe('spiders');
    expect(spiders.match('spidery handwriting')).toBeNull();
    expect(spiders.match('nothing to see')).toBeNull();
  });

  it('matches multi-word phrases across whitespace', () => {
    const crypto = compileFilter(filter('crypto giveaway'));
    expect(crypto.match('Huge CRYPTO\n giveaways today')).toBe('crypto giveaway');
    expect(crypto.match('crypto news; giveaway later')).toBeNull();
  });

  it('handles -ies plurals and non-Latin scripts', () => {
    expect(compileFilter(filter('puppy')).match('look at these puppies')).toBe('puppy');
    expect(compileFilter(filter('паук')).match('Большой паук!')).toBe('паук');
    expect(compileFilter(filter('паук')).match('пауками')).toBeNull();
  });

  it('treats regular-expression characters literally', () => {
    const cpp = compileFilter(filter('c++'));
    expect(cpp.match('I write c++ daily')).toBe('c++');
    expect(cpp.match('I write c daily')).toBeNull();
  });

  it('a blur-faces filter without words applies to everything', () => {
    expect(compileFilter(filter('', 'blur-faces')).matchesEverything).toBe(true);
    expect(compileFilter(filter('cats', 'blur-faces')).matchesEverything).toBe(false);
  });

  it('compileFilters skips disabled filters', () => {
    const compiled = compileFilters([filter('a'), { ...filter('b'), id: 'f2', enabled: false }]);
    expect(compiled.map((c) => c.label)).toEqual(['a']);
  });
});

describe('FilterListSchema', () => {
  it('accepts a valid list and fills defaults', () => {
    const parsed = FilterListSchema.parse([{ id: 'a', words: 'spiders', action: 'collapse' }]);
    expect(parsed[0]).toEqual({ id: 'a', words: 'spiders', action: 'collapse', enabled: true });
  });

  it('rejects duplicate ids, unknown actions and empty collapse filters', () => {
    expect(FilterListSchema.safeParse([filter('a'), filter('b')]).success).toBe(false);
    expect(FilterListSchema.safeParse([{ id: 'a', words: 'x', action: 'explode' }]).success).toBe(false);
    expect(FilterListSchema.safeParse([{ id: 'a', words: '  ', action: 'collapse' }]).success).toBe(false);
  });

  it('accepts a classifier filter without words, labelled by what it detects', () => {
    const parsed = FilterListSchema.parse([
      { id: 'a', words: '', action: 'collapse', classifier: 'offensive' },
    ]);
    const compiled = compileFilter(parsed[0]!);
    expect(compiled.label).toBe('offensive language');
    expect(compiled.matchesEverything).toBe(false);
    expect(compiled.match('anything at all')).toBeNull();
    expect(
      FilterListSchema.safeParse([{ id: 'a', action: 'collapse', classifier: 'horoscopes' }]).success,
    ).toBe(false);
  });
});
