import { describe, expect, it } from 'vitest';
import { anyTermPattern, compileFilter, compileFilters, filterTerms } from './matcher.ts';
import { type Filter, FilterListSchema, FilterSchema } from './schema.ts';
import type { FilterAction } from './vocabulary.ts';
import { singular, wordForms } from './word-forms.ts';

const filter = (words: string, action: FilterAction = 'collapse', extra: Partial<Filter> = {}): Filter =>
  FilterSchema.parse({ id: 'f1', words, action, ...extra });

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

  it('a filter with example images matches no text and is labelled by them', () => {
    const like = compileFilter(filter('', 'hide', { imageExamples: [{ hash: '0123456789abcdef' }] }));
    expect(like).toMatchObject({ matchesEverything: false, label: 'an image like one you hid' });
    expect(like.match('anything')).toBeNull();
    expect(
      FilterListSchema.safeParse([{ id: 'a', action: 'hide', imageExamples: [{ hash: 'not-hex' }] }]).success,
    ).toBe(false);
  });

  it('a pixelate filter without words applies to everything; a hide filter needs words', () => {
    expect(compileFilter(filter('', 'pixelate')).matchesEverything).toBe(true);
    expect(FilterListSchema.safeParse([{ id: 'a', words: '', action: 'hide' }]).success).toBe(false);
  });

  it('compileFilters skips disabled filters', () => {
    const compiled = compileFilters([filter('a'), { ...filter('b'), id: 'f2', enabled: false }]);
    expect(compiled.map((c) => c.label)).toEqual(['a']);
  });
});

describe('FilterListSchema', () => {
  it('accepts a valid list and fills defaults', () => {
    const parsed = FilterListSchema.parse([{ id: 'a', words: 'spiders', action: 'collapse' }]);
    expect(parsed[0]).toEqual({
      id: 'a',
      words: 'spiders',
      action: 'collapse',
      enabled: true,
      sensitivity: 'medium',
      lookIn: ['text'],
      imageExamples: [],
      from: [],
      exceptFrom: [],
      kinds: [],
      sites: [],
    });
  });

  it('rejects duplicate ids, unknown actions and empty collapse filters', () => {
    expect(FilterListSchema.safeParse([filter('a'), filter('b')]).success).toBe(false);
    expect(FilterListSchema.safeParse([{ id: 'a', words: 'not: x', action: 'hide' }]).success).toBe(false);
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

describe('word forms', () => {
  it.each([
    ['shill', ['shills', 'shilling', 'shilled']],
    ['bake', ['bakes', 'baking', 'baked']],
    ['spy', ['spies', 'spied', 'spying']],
    ['shop', ['shopping', 'shopped']],
    ['box', ['boxes', 'boxing']],
  ])('%s -> %j', (word, forms) => expect(wordForms(word)).toEqual(expect.arrayContaining([word, ...forms])));

  it('a filter matches -ing and -ed forms but not longer words', () => {
    const shill = compileFilter(filter('crypto shill'));
    expect(shill.match('stop Crypto shilling here')).toBe('crypto shill');
    expect(shill.match('crypto shilled again')).toBe('crypto shill');
    expect(shill.match('crypto shillelagh')).toBeNull();
  });
});

describe('exact phrases, regular expressions and exclusions', () => {
  it('"quoted" phrases match as written, without other word forms', () => {
    const phrase = compileFilter(filter('"giveaway"'));
    expect(phrase.match('Big GIVEAWAY today')).toBe('giveaway');
    expect(phrase.match('two giveaways')).toBeNull();
  });

  it('/regex/ terms match, commas inside them do not split the term', () => {
    const regex = compileFilter(filter('/\\b[0-9]{2,3}x gains\\b/i, spiders'));
    expect(filterTerms(regex.filter.words)).toEqual(['/\\b[0-9]{2,3}x gains\\b/i', 'spiders']);
    expect(regex.match('get 100X GAINS now')).toBe('/\\b[0-9]{2,3}x gains\\b/i');
    expect(regex.match('get 5x gains')).toBeNull();
    expect(regex.match('spiders')).toBe('spiders');
    expect(compileFilter(filter('/Gains/')).match('gains')).toBeNull();
  });

  it('refuses invalid or dangerous regular expressions and unknown flags, naming them', () => {
    const problems = (words: string) =>
      FilterListSchema.safeParse([{ id: 'a', words, action: 'hide' }]).error?.issues.map((i) => i.message);
    expect(problems('/(unclosed/')?.[0]).toMatch(/not a valid regular expression/);
    expect(problems('/(a+)+$/')?.[0]).toMatch(/could freeze the page/);
    expect(problems('/x/g')?.[0]).toMatch(/only the flags i and u/);
    expect(problems('spiders, /ok/i')).toBeUndefined();
  });

  it('"not:" leaves out what it names, but other mentions still count', () => {
    const spiders = compileFilter(filter('spiders, not: spider-man, not: "spider plant"'));
    expect(spiders.label).toBe('spiders');
    expect(spiders.match('Spider-Man 2 trailer')).toBeNull();
    expect(spiders.match('my spider plant is thriving')).toBeNull();
    expect(spiders.match('Spider-Man met a real spider')).toBe('spiders');
  });
});

describe('which filters apply', () => {
  it('leaves out expired filters and filters for other sites', () => {
    const now = 1_000_000;
    const list = [
      filter('a'),
      filter('b', 'collapse', { id: 'f2', expiresAt: now - 1 }),
      filter('c', 'collapse', { id: 'f3', expiresAt: now + 1 }),
      filter('d', 'collapse', { id: 'f4', sites: ['x', 'bluesky'] }),
    ];
    expect(compileFilters(list, { now }).map((c) => c.label)).toEqual(['a', 'c', 'd']);
    expect(compileFilters(list, { now, site: 'reddit' }).map((c) => c.label)).toEqual(['a', 'c']);
    expect(compileFilters(list, { now, site: 'x' }).map((c) => c.label)).toEqual(['a', 'c', 'd']);
  });
});

describe('anyTermPattern', () => {
  it('matches whatever any filter term matches, and nothing when none is near', () => {
    const list = compileFilters([
      filter('spiders, "season finale"'),
      filter('/\\d{3,}x gains/', 'hide', { id: 'f2' }),
      filter('', 'pixelate', { id: 'f3' }),
    ]);
    const quick = anyTermPattern(list)!;
    for (const text of ['A SPIDER', 'the Season  Finale', 'get 100x gains', 'spidering'])
      expect(quick.test(text), text).toBe(true);
    expect(quick.test('a quiet day in the garden')).toBe(false);
    expect(anyTermPattern(compileFilters([filter('', 'pixelate')]))).toBeNull();
  });
});
