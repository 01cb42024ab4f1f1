/**
 * Thumbnail text against the video's title: does the thumbnail repeat the title (wasted space:
 * the title is printed right under it) or add to it?
 */
export type TitleRelation = 'none' | 'repeats' | 'adds';

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[\p{L}\p{N}]+/gu)
    ?.filter((word) => word.length > 1) ?? [];

/** Share of the thumbnail's words that are also in the title (0 when it has none). */
export function titleOverlap(thumbnailText: string, title: string): number {
  const thumbnailWords = words(thumbnailText);
  if (thumbnailWords.length === 0) return 0;
  const titleWords = new Set(words(title));
  return thumbnailWords.filter((word) => titleWords.has(word)).length / thumbnailWords.length;
}

/** At least this share of the thumbnail's words taken from the title counts as repeating it. */
export const REPEAT_OVERLAP = 0.6;

export function titleRelation(thumbnailText: string, title: string): TitleRelation {
  if (words(thumbnailText).length === 0) return 'none';
  return titleOverlap(thumbnailText, title) >= REPEAT_OVERLAP ? 'repeats' : 'adds';
}
