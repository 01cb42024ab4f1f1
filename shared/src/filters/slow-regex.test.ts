import { describe, expect, it } from 'vitest';
import { slowRegexReason } from './slow-regex.ts';

describe('slowRegexReason', () => {
  // OWASP's "Regular expression Denial of Service" examples and their usual variants.
  it.each([
    '^(a+)+$',
    '(a+)+',
    '((a+))+',
    '([a-zA-Z]+)*',
    '(a|aa)+',
    '(a|a?)+',
    '(.*a){12,}',
    '(\\w+\\s?)+$',
    '(\\w|\\d)+x',
    '(x+x+)+y',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
    '(?:a+)+b',
    '(a?){20}a{20}',
    '([a-z]|x)+!',
    '(\\s|\\t)*$',
  ])('refuses %s', (source) => {
    expect(slowRegexReason(source)).toMatch(/could freeze the page/);
  });

  it.each([
    '\\b\\d{3,}x gains\\b',
    'spider(man)?',
    '(cat|dog)s?',
    '(very )+bad',
    '(cat|dog)+',
    'colou?r',
    '\\bcrypto\\s+giveaway',
    '[a-z]+ing\\b',
    '(\\+|-)\\d+',
    '^https?://[^ ]+$',
    '(\\d|\\.)+',
    '([a-z]|\\d)+x',
    '(\\w|-)+@',
    '(\\$|€)\\d+',
  ])('accepts %s', (source) => {
    expect(slowRegexReason(source)).toBeNull();
  });
});
