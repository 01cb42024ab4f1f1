import safeRegex from 'safe-regex2';

/**
 * Whether a person's regular expression could take exponential time on some post (and freeze the
 * page: a regular expression cannot be interrupted once it runs). Refused, with why:
 * - a repetition inside a repeated group, at any depth: `(a+)+`, `((a+))+`, `(\w+\s?)*`, `(a?)+`
 *   (star height above 1, as safe-regex2 measures it, and the same written with `?` or `{n,}`);
 * - a repeated group whose alternatives can match the same text: `(a|aa)+`, `(a|a)*`, `(\w|\d)+`.
 * Returns the reason, or null for a regular expression that runs in time that grows with the post.
 */
export function slowRegexReason(source: string): string | null {
  if (!safeRegex(source)) return 'a repetition inside a repeated group could freeze the page';
  for (const group of repeatedGroups(source)) {
    if (/[+*?}]/.test(withoutEscapesAndClasses(group)))
      return 'a repetition inside a repeated group could freeze the page';
    const branches = topLevelBranches(group);
    if (branches.length > 1 && overlapping(branches))
      return 'a repeated group whose alternatives can match the same text could freeze the page';
  }
  return null;
}

/** The inside of every group followed by a quantifier (`(…)+`, `(…)*`, `(…){2,}`), nested ones too. */
function repeatedGroups(source: string): string[] {
  const groups: string[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      i = classEnd(source, i);
      continue;
    }
    if (ch === '(') open.push(i);
    else if (ch === ')' && open.length) {
      const start = open.pop()!;
      if (/^(?:[+*]|\{\d*,)/.test(source.slice(i + 1)))
        groups.push(source.slice(start + 1, i).replace(/^\?(?:[:=!]|<[=!]|<[^>]*>)/, ''));
    }
  }
  return groups;
}

/** Where a character class that starts at `at` ends. */
function classEnd(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > at + 1) return i;
  }
  return source.length;
}

/** The text with escapes and character classes taken out (their `+` or `*` are literal). */
const withoutEscapesAndClasses = (text: string) =>
  text.replace(/\\./g, 'x').replace(/\[(?:\\.|[^\]\\])*\]/g, 'x');

/** A group's alternatives at its own level (`a|b(c|d)` -> `a`, `b(c|d)`). */
function topLevelBranches(group: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < group.length; i++) {
    const ch = group[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = classEnd(group, i);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      branches.push(group.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(group.slice(start));
  return branches;
}

/** Characters that stand for the ones an alternative can start with (ASCII, and a few beyond it). */
const SAMPLE = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '\t',
  '\n',
  'é',
  'ß',
  'ж',
  '中',
  '😀',
];

/** Which sample characters an alternative's first atom takes ('.' and groups: any). */
function startsWith(atom: string): (ch: string) => boolean {
  if (atom === '.') return () => true;
  try {
    const re = new RegExp(
      `^(?:${atom.length === 1 ? atom.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : atom})$`,
      'iu',
    );
    return (ch) => re.test(ch);
  } catch {
    return () => true;
  }
}

/**
 * Whether two alternatives may match the same text, judged by how they can start: one can be
 * empty, or some character starts both (`a` and `aa`, `\w` and `\d`, `[a-z]` and `x`). Cautious
 * where it cannot tell (a group first: any character); alternatives that start apart pass
 * (`cat|dog`, `\d|\.`).
 */
function overlapping(branches: string[]): boolean {
  const starts = branches.map((branch) => firstAtom(branch));
  for (let a = 0; a < starts.length; a++)
    for (let b = a + 1; b < starts.length; b++) {
      const [x, y] = [starts[a]!, starts[b]!];
      if (x === '' || y === '') return true;
      const [takesX, takesY] = [startsWith(x), startsWith(y)];
      if (SAMPLE.some((ch) => takesX(ch) && takesY(ch))) return true;
    }
  return false;
}

/** The first atom of an alternative: a character, an escape (`\w`), a class (`[a-z]`), or '' when it can be empty. */
function firstAtom(branch: string): string {
  if (branch === '') return '';
  if (branch[0] === '\\') return branch.slice(0, 2);
  if (branch[0] === '[') return branch.slice(0, classEnd(branch, 0) + 1);
  if (branch[0] === '(' || branch[0] === '.') return '.';
  if (/^.[?*]/.test(branch)) return '';
  return branch[0]!.toLowerCase();
}
