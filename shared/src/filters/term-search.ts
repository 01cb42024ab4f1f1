import type { Term } from './terms.ts';

/** A letter or digit in any script: what may not touch a word or phrase term on either side. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const isAsciiLetterOrDigit = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

function isLetterOrDigit(codePoint: number): boolean {
  return codePoint < 128
    ? isAsciiLetterOrDigit(codePoint)
    : LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
}

/** Whether the code point that ends just before `index` is a letter or digit. */
function letterOrDigitBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const code = text.charCodeAt(index - 1);
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return isLetterOrDigit(text.codePointAt(index - 2)!);
  }
  return isLetterOrDigit(code);
}

const letterOrDigitAt = (text: string, index: number) =>
  index < text.length && isLetterOrDigit(text.codePointAt(index)!);

/**
 * One term, ready to search texts. Word and phrase terms must not touch a letter or digit on
 * either side (word boundaries for any script); that is checked around each match here rather
 * than with `(?<![\p{L}\p{N}])...(?![\p{L}\p{N}])` in the expression, because V8 takes about a
 * millisecond to compile each such expression (twice: once to bytecode, again to machine code
 * when it tiers up), on the page's main thread, for every term of every filter on every page;
 * the bare term compiles twenty times faster.
 */
export class TermSearch {
  private readonly regex: RegExp;
  private readonly bounded: boolean;

  constructor(term: Term) {
    this.regex = new RegExp(term.core, `${term.flags}g`);
    this.bounded = term.bounded;
  }

  /** Where the term first occurs in `text` ([start, end)), or null. */
  find(text: string): [number, number] | null {
    return this.findFrom(text, 0);
  }

  /** `text` with every occurrence of the term replaced by one space (an exclusion). */
  blank(text: string): string {
    let out = '';
    let kept = 0;
    for (let found = this.findFrom(text, 0); found; ) {
      out += `${text.slice(kept, found[0])} `;
      kept = found[1];
      // An empty occurrence (only a user's expression can have one) moves on by one.
      const next = found[1] > found[0] ? found[1] : found[1] + 1;
      found = next <= text.length ? this.findFrom(text, next) : null;
    }
    return out === '' ? text : out + text.slice(kept);
  }

  private findFrom(text: string, from: number): [number, number] | null {
    const { regex } = this;
    regex.lastIndex = from;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!this.bounded || (!letterOrDigitBefore(text, start) && !letterOrDigitAt(text, end)))
        return [start, end];
      regex.lastIndex = start + 1;
    }
    return null;
  }
}
