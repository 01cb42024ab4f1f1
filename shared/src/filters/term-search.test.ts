import { describe, expect, it } from 'vitest';
import { TermSearch } from './term-search.ts';
import { parseTerms, type Term } from './terms.ts';

const termOf = (words: string): Term => parseTerms(words).terms[0]!;

/** The expression the search replaces: the term between lookarounds for any letter or digit. */
const withLookarounds = (term: Term, flags = term.flags) =>
  new RegExp(term.bounded ? `(?<![\\p{L}\\p{N}])(?:${term.core})(?![\\p{L}\\p{N}])` : term.core, flags);

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const PIECES = [
  'spider',
  'spiders',
  'Spider',
  'SPIDERS',
  'spider-man',
  'man',
  'crypto',
  'giveaway',
  'giveaways',
  ' ',
  '  ',
  '\n',
  '-',
  '_',
  '.',
  "'",
  'é',
  'ß',
  'ñ',
  '日本',
  '7',
  '42',
  '𝐀',
  '😀',
  '\ud83d',
  '\ude00',
  'x',
];

describe('TermSearch', () => {
  it('finds words and phrases only where no letter or digit touches them', () => {
    const spiders = new TermSearch(termOf('spiders'));
    expect(spiders.find('a spider here')).toEqual([2, 8]);
    expect(spiders.find('spidermen')).toBeNull();
    expect(spiders.find('éspider')).toBeNull();
    expect(spiders.find('spider7')).toBeNull();
    expect(spiders.find('_spider_')).toEqual([1, 7]);
    expect(spiders.find('𝐀spider')).toBeNull();
    expect(spiders.find('😀spider😀')).toEqual([2, 8]);
    expect(spiders.find('spiderX then spiders')).toEqual([13, 20]);
    expect(new TermSearch(termOf('"season finale"')).find('the Season  Finale!')).toEqual([4, 18]);
  });

  it('leaves expressions the user wrote unbounded', () => {
    expect(new TermSearch(termOf('/\\d{3,}x/')).find('1000xgains')).toEqual([0, 5]);
  });

  it('blanks every bounded occurrence of an exclusion', () => {
    const man = new TermSearch(termOf('not: spider-man'));
    expect(man.blank('Spider-Man and spider-manx, spider-man')).toBe('  and spider-manx,  ');
    expect(man.blank('nothing here')).toBe('nothing here');
  });

  it('agrees with the lookaround expression on random texts', () => {
    const next = random(7);
    const terms = [
      'spiders',
      'crypto giveaway',
      '"spider-man"',
      'not: man',
      '/gi.{0,3}way/',
      'é',
      '日本',
    ].map(termOf);
    for (let round = 0; round < 4000; round++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => PIECES[Math.floor(next() * PIECES.length)],
      ).join('');
      for (const term of terms) {
        const search = new TermSearch(term);
        const expected = withLookarounds(term).exec(text);
        const found = search.find(text);
        expect(found && text.slice(...found), `${term.label} in ${JSON.stringify(text)}`).toBe(
          expected?.[0] ?? null,
        );
        expect(search.blank(text), `blank ${term.label} in ${JSON.stringify(text)}`).toBe(
          text.replace(withLookarounds(term, `${term.flags}g`), ' '),
        );
      }
    }
  });
});
