const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Best-effort English singular of one lower-case word ("spiders" -> "spider", "puppies" -> "puppy"). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z)es$/.test(word) && word.length > 4) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

/** A regular-expression source matching the word in its singular and plural forms. */
export function wordFormsPattern(word: string): string {
  const base = singular(word.toLowerCase());
  const forms = [`${escapeRegExp(base)}(?:s|es)?`];
  if (base.length > 2 && base.endsWith('y')) forms.push(`${escapeRegExp(base.slice(0, -1))}ies`);
  return forms.length === 1 ? forms[0]! : `(?:${forms.join('|')})`;
}
