import { describe, expect, it } from 'vitest';
import { titleOverlap, titleRelation } from './title-text.ts';

describe('titleRelation', () => {
  it('tells repeating the title from adding to it', () => {
    expect(titleRelation('', 'I built a shed')).toBe('none');
    expect(titleRelation('BUILT A SHED!', 'I built a shed in 48 hours')).toBe('repeats');
    expect(titleRelation('48 HOURS?!', 'I built a shed')).toBe('adds');
    expect(titleOverlap('Café crème', 'cafe creme recipes')).toBe(1);
    // OCR glues big words together.
    expect(titleRelation('ROCKETLAUNCH', 'Watch the rocket launch live')).toBe('repeats');
    expect(titleOverlap('ROCKET 2', 'rocket science')).toBe(6 / 7);
  });
});
