import { ENGLISH_APPEAL_WORDS } from '@veneer/shared/thumbs';
import { describe, expect, it } from 'vitest';
import { localAppealWords, partName } from './appeal-words.ts';

describe('the appeal score in the interface language', () => {
  it('in English, has every word the score uses, as the score has it', () => {
    expect(localAppealWords()).toEqual(ENGLISH_APPEAL_WORDS);
  });

  it('names each part', () => {
    expect(['faces', 'stand-out', 'title match'].map(partName)).toEqual([
      'faces',
      'stand-out',
      'title match',
    ]);
  });
});
