import { describe, expect, it } from 'vitest';
import { LIST_MAX_BYTES, parseListDocument } from './list-document.ts';

describe('parseListDocument', () => {
  it('reads a list: title, homepage, filters with their defaults', () => {
    const parsed = parseListDocument(
      JSON.stringify({
        veneer: 1,
        title: 'No crypto scams',
        homepage: 'https://lists.example.org/',
        updated: '2026-12-01',
        filters: [{ id: 'scams', words: 'crypto giveaway', action: 'hide' }],
      }),
    );
    expect('list' in parsed && parsed.list).toMatchObject({
      title: 'No crypto scams',
      filters: [{ id: 'scams', words: 'crypto giveaway', action: 'hide', enabled: true, sites: [] }],
    });
  });

  it('says why a document is not a list', () => {
    expect(parseListDocument('<html>')).toEqual({ problem: expect.stringMatching(/^the list is not JSON/) });
    expect(parseListDocument('{"title":"x","filters":[]}')).toEqual({
      problem: expect.stringMatching(/not a Veneer filter list/),
    });
    expect(
      parseListDocument(
        JSON.stringify({ veneer: 1, title: 't', filters: [{ id: 'a', words: 'x', action: 'explode' }] }),
      ),
    ).toEqual({ problem: expect.stringMatching(/^the list is not valid: filters\.0\.action/) });
    expect(parseListDocument(' '.repeat(LIST_MAX_BYTES + 1))).toEqual({
      problem: 'the list is larger than 1 MB',
    });
  });
});
