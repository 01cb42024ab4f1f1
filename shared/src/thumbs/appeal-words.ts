/**
 * The words of the appeal score's details and advice, as templates (`{n}` is filled in). English
 * by default (the edge's and node's API answers, the tests); the extension gives the words of the
 * interface's language (useAppealWords) so the thumbnail lab reads in it.
 */
export const ENGLISH_APPEAL_WORDS = {
  noFace: 'no face found',
  noFaceAdvice: 'no face: a face draws the eye in a feed',
  face: '1 face, the largest {area} of the image',
  faces: '{count} faces, the largest {area} of the image',
  faceTooSmall: 'the face is too small to read at feed size',
  expression: '; expression: {expressions}',
  flatFace: 'the face shows little expression',
  noText: 'no text on the image',
  textTooSmall: 'text too small to see at feed sizes',
  textTooSmallAdvice: 'the text is too small to read in the feed',
  legibleEverywhere: 'legible at every feed size (letters {px} px tall on mobile)',
  legibleDesktopOnly: 'legible on {desktop}, not on {mobile}',
  unreadableMobile: 'the text is unreadable on mobile',
  unreadable: 'unreadable at the sizes viewers see',
  unreadableAdvice: 'the text is unreadable at feed sizes: fewer, bigger words',
  tooMuchText: 'too much text: it covers over a third of the image',
  repeatsTitle: '; repeats the title',
  repeatsTitleAdvice: "the text repeats the title: say something the title doesn't",
  addsToTitle: '; adds to the title',
  titleCut: 'the title is cut off in the feed after about 70 characters',
  titleLength: '{count} characters',
  clickbaitModel: '; clickbait model: {percent}',
  clickbaitAdvice: 'the title reads as clickbait',
  contrast: 'RMS contrast {value}',
  lowContrast: 'low contrast: it will look flat next to other thumbnails',
  brightness: 'mean brightness {percent}',
  tooDark: 'too dark',
  tooBright: 'washed out: too bright',
  colourfulness: 'colourfulness {value}',
  dull: 'dull colours',
  clutter: 'edges on {percent} of the image',
  busy: 'busy: too much detail to take in at a glance',
  standOut: '{ratio}x as different from {against} as its thumbnails are from each other',
  blendsIn: 'blends into the feed',
  focus: '{percent} of the visual weight in a fifth of the image',
  noFocus: 'no clear focal point',
  titleMatch: '{model} similarity {value}',
  noMatch: 'the image does not match the title',
};
export type AppealWords = typeof ENGLISH_APPEAL_WORDS;

let words: AppealWords = ENGLISH_APPEAL_WORDS;

/** The words scores are told in from now on. */
export function useAppealWords(next: AppealWords): void {
  words = next;
}

/** A template's words with its values filled in. */
export function say(key: keyof AppealWords, values: Record<string, string | number> = {}): string {
  return words[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
