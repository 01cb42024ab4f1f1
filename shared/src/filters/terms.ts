import { slowRegexReason } from './slow-regex.ts';
import { escapeRegExp, wordFormsPattern } from './word-forms.ts';

/**
 * One term of a filter's words, compiled to a regular-expression source:
 * - `words`: plain words, each matching its word forms ("crypto giveaways" -> crypto giveaway);
 * - `phrase`: `"exact phrase"`, matched as written (case ignored), no other forms;
 * - `regex`: `/source/flags` for advanced users;
 * - `exclude`: `not: <term>`: text it matches never counts ("spiders, not: spider-man").
 */
export interface Term {
  kind: 'words' | 'phrase' | 'regex' | 'exclude';
  /** As the user wrote it (without `not:`), used as the reason shown on a post. */
  label: string;
  /**
   * The regular expression without word boundaries (with `flags`): also joined across filters
   * into one quick test (case ignored) that lets most posts skip every term.
   */
  core: string;
  flags: string;
  /** Words and phrases must not touch a letter or digit on either side (term-search.ts checks it). */
  bounded: boolean;
}

export interface ParsedTerms {
  terms: Term[];
  /** Plain-words problems ("/(a+)+/ repeats a repetition ..."); a list with problems is refused. */
  problems: string[];
}

export const MAX_REGEX_LENGTH = 300;

/** Splits on commas and new lines, except inside a quoted phrase or a /regular expression/. */
export function splitTerms(words: string): string[] {
  const out: string[] = [];
  let current = '';
  let closer: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const ch = words[i]!;
    if (closer) {
      current += ch;
      if (ch === '\\' && closer === '/' && i + 1 < words.length) current += words[++i];
      else if (ch === closer) closer = null;
      continue;
    }
    if (ch === ',' || ch === '\n') {
      out.push(current);
      current = '';
      continue;
    }
    const body = current.trim().replace(/^not:\s*/i, '');
    if (body === '' && (ch === '"' || ch === '/')) closer = ch;
    current += ch;
  }
  out.push(current);
  return out.map((t) => t.trim().replace(/\s+/g, ' ')).filter((t) => t.length > 0);
}

function parseOne(text: string): Term | string {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (regex) {
    const [, source, flags] = regex as unknown as [string, string, string];
    if (!/^[iu]*$/.test(flags)) return `${text}: only the flags i and u are allowed`;
    if (source.length > MAX_REGEX_LENGTH)
      return `${text.slice(0, 40)}…: a regular expression may have at most ${MAX_REGEX_LENGTH} characters`;
    try {
      new RegExp(source, `${flags.replace('u', '')}u`);
    } catch (error) {
      return `${text}: not a valid regular expression (${(error as Error).message})`;
    }
    // Some patterns take exponential time on a long post (and a running one cannot be stopped).
    const slow = slowRegexReason(source);
    if (slow) return `${text}: ${slow}; simplify it`;
    return { kind: 'regex', label: text, core: source, flags: `${flags.replace('u', '')}u`, bounded: false };
  }
  const phrase = /^"(.*)"$/s.exec(text);
  if (phrase) {
    const inner = phrase[1]!.trim();
    if (!inner) return `${text}: an empty phrase matches nothing`;
    const core = inner.split(' ').map(escapeRegExp).join('\\s+');
    return { kind: 'phrase', label: inner, core, flags: 'iu', bounded: true };
  }
  const words = text.toLowerCase().split(' ').map(wordFormsPattern);
  const core = words.join('\\s+');
  return { kind: 'words', label: text, core, flags: 'iu', bounded: true };
}

/** Parses a filter's plain words into terms, and says plainly what it cannot use. */
export function parseTerms(words: string): ParsedTerms {
  const terms: Term[] = [];
  const problems: string[] = [];
  for (const raw of splitTerms(words)) {
    const exclusion = /^not:\s*(.*)$/is.exec(raw);
    const body = exclusion ? exclusion[1]!.trim() : raw;
    if (!body) {
      problems.push(`"${raw}" names nothing to leave out`);
      continue;
    }
    const term = parseOne(body);
    if (typeof term === 'string') problems.push(term);
    else terms.push(exclusion ? { ...term, kind: 'exclude' } : term);
  }
  return { terms, problems };
}
