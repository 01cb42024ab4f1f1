import { ENGLISH_REASON_WORDS } from '@veneer/shared/filters';
import { describe, expect, it } from 'vitest';
import { localReasonWords } from './reason-words.ts';

describe('localReasonWords', () => {
  it('in English, are the words the Judge uses by default (one set of words, two places)', () => {
    expect(localReasonWords()).toEqual(ENGLISH_REASON_WORDS);
  });
});
