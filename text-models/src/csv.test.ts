import { describe, expect, it } from 'vitest';
import { csvLine, csvRecords, parseCsv } from './csv.ts';

describe('csv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, y","he said ""hi""\nthen left"\r\n3,4\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nthen left'],
      ['3', '4'],
    ]);
  });

  it('keys rows by the header and writes cells back so they read the same', () => {
    const line = csvLine(['plain', 'with, comma', 'with "quote"']);
    expect(csvRecords(`a,b,c\n${line}\n`)).toEqual([{ a: 'plain', b: 'with, comma', c: 'with "quote"' }]);
  });
});
