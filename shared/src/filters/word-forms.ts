export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Best-effort English singular of one lower-case word ("spiders" -> "spider", "puppies" -> "puppy"). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word) && word.length > 4) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

const VOWEL = /[aeiou]/;

/**
 * The forms of one lower-case word that a filter matches: singular and plural, and for words
 * of Latin letters the -ing and -ed forms ("shill" -> shills, shilling, shilled; "bake" ->
 * baking, baked; "spy" -> spies, spied; "shop" -> shopping).
 */
export function wordForms(word: string): string[] {
  const base = singular(word.toLowerCase());
  const forms = new Set([word.toLowerCase(), base]);
  forms.add(/(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`);
  if (/^[a-z]{3,}$/.test(base)) {
    const last = base.at(-1)!;
    if (last === 'y' && !VOWEL.test(base.at(-2)!)) {
      const stem = base.slice(0, -1);
      forms.add(`${stem}ies`).add(`${stem}ied`).add(`${base}ing`);
    } else if (last === 'e' && !base.endsWith('ee')) {
      const stem = base.slice(0, -1);
      forms.add(`${stem}ing`).add(`${base}d`);
    } else {
      forms.add(`${base}ing`).add(`${base}ed`);
      // Short consonant-vowel-consonant words double their last letter: shop -> shopping.
      if (/^[^aeiou]*[aeiou][bdfgklmnprtv]$/.test(base))
        forms.add(`${base}${last}ing`).add(`${base}${last}ed`);
    }
  }
  return [...forms];
}

/** A regular-expression source matching any of the word's forms. */
export function wordFormsPattern(word: string): string {
  const forms = wordForms(word).sort((a, b) => b.length - a.length);
  return `(?:${forms.map(escapeRegExp).join('|')})`;
}
