/**
 * Thumbnail text against the video's title: does the thumbnail repeat the title (wasted space:
 * the title is printed right under it) or add to it? OCR often glues big words together
 * ("ROCKETLAUNCH"), so the comparison works on letters, not on words split by spaces.
 */
export type TitleRelation = 'none' | 'repeats' | 'adds';

const letters = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Share of the thumbnail's letters that spell words of the title (0 when it has no text). */
export function titleOverlap(thumbnailText: string, title: string): number {
  const text = letters(thumbnailText).replace(/ /g, '');
  if (text.length === 0) return 0;
  const covered = new Uint8Array(text.length);
  const titleWords = [...new Set(letters(title).split(' '))]
    .filter((word) => word.length > 1)
    .sort((a, b) => b.length - a.length);
  for (const word of titleWords) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length))
      covered.fill(1, at, at + word.length);
  }
  return covered.reduce((sum, cell) => sum + cell, 0) / text.length;
}

/** At least this share of the thumbnail's text taken from the title counts as repeating it. */
export const REPEAT_OVERLAP = 0.6;

export function titleRelation(thumbnailText: string, title: string): TitleRelation {
  if (letters(thumbnailText).length === 0) return 'none';
  return titleOverlap(thumbnailText, title) >= REPEAT_OVERLAP ? 'repeats' : 'adds';
}
