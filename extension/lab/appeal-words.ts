import { type AppealWords, ENGLISH_APPEAL_WORDS } from '@veneer/shared/thumbs';
import { t } from '../lib/i18n.ts';

/** A message as written, its `{value}` templates left for the score to fill in. */
const template = (key: string) => (t as (key: string) => string)(key);

/** The appeal score's words (shared/src/thumbs/appeal-words.ts) in the interface's language. */
export function localAppealWords(): AppealWords {
  return Object.fromEntries(
    Object.keys(ENGLISH_APPEAL_WORDS).map((key) => [key, template(`appeal.${key}`)]),
  ) as AppealWords;
}

/** A part of the score by its name in the interface's language ("stand-out", "title match"). */
export function partName(name: string): string {
  const key = name.replace(/[ -](\w)/g, (_, letter: string) => letter.toUpperCase());
  return template(`appeal.part.${key}`) || name;
}
