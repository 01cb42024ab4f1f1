import { POST_KIND_LABELS, type PostKind } from '../filters/accounts.ts';
import { imageConceptsFor } from '../filters/image-concepts.ts';
import { type Filter, FilterSchema } from '../filters/schema.ts';
import { parseTerms } from '../filters/terms.ts';
import {
  ACTIONS_FOR_EVERY_POST,
  type FilterAction,
  type LookIn,
  type Sensitivity,
  TEXT_CLASSIFIER_LABELS,
  type TextClassifier,
} from '../filters/vocabulary.ts';
import { findDuration } from './durations.ts';
import {
  ACTION_PHRASES,
  BADGE_WORDS,
  CLASSIFIER_WORDS,
  DESCRIPTORS,
  EVERYTHING_WORDS,
  FILLER,
  IMAGE_TEXT_WORDS,
  IMAGE_WORDS,
  KIND_WORDS,
  OTHER_SITES,
  SENSITIVITY_WORDS,
  SITE_NAMES,
  SITE_POST_WORDS,
  WANTS_MORE,
} from './lexicon.ts';

/** A filter made from a sentence: every field but `id`, which the list it joins gives it. */
export type SentenceFilter = Omit<Filter, 'id'>;

export type ParsedSentence =
  | {
      filter: SentenceFilter;
      /** The filter in words, for the person to check ("Collapse posts about spiders on Reddit"). */
      summary: string;
      /** What the person should know (an image model that cannot see what they named). */
      notes: string[];
    }
  | { error: string };

export const MAX_SENTENCE_LENGTH = 300;
/** A subject longer than this many words is more likely a sentence the parser did not follow. */
const MAX_SUBJECT_WORDS = 6;

export const TRY_THIS = `try "hide posts about spiders" or "collapse rude replies on reddit"`;

const SITE_LABELS = Object.fromEntries(SITE_NAMES.map((site) => [site.id, site.label]));
const ANY_SITE = SITE_NAMES.map((site) => site.pattern).join('|');
/** What a site's name may stand before to name the site ("reddit posts", "youtube shorts"). */
const SITE_THINGS =
  'posts?|videos?|comments?|threads?|shorts|feeds?|timelines?|replies|users|accounts|tweets?|skeets?|toots?|ads|content|stuff|memes|channels?|subs|subreddits?|live\\s*streams?|recommendations|suggestions|home\\s*page|front\\s*page';
const LIST_JOIN = '\\s*(?:,|&|\\+|/|\\band\\b|\\bor\\b)\\s*';
const HANDLE = '(?:@[\\w.-]+(?:@[\\w-]+(?:\\.[\\w-]+)+)?|/?u/[\\w-]+|/?r/\\w+)';
const HANDLES = `${HANDLE}(?:${LIST_JOIN}${HANDLE})*`;

/** A piece of the sentence taken out: the sentence without it (a space in its place). */
function cut(text: string, match: RegExpExecArray): string {
  return `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
}
const words = (pattern: string) =>
  new RegExp(`(?:^|(?<=[^\\p{L}\\p{N}'@/-]))(?:${pattern})(?=$|[^\\p{L}\\p{N}'-])`, 'u');

/** One edit apart (a letter added, dropped, changed, or two swapped): typos in the verbs. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return a === b;
  if (a.length === b.length) {
    const diffs = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
    if (diffs.length === 1) return true;
    return (
      diffs.length === 2 &&
      diffs[1] === diffs[0]! + 1 &&
      a[diffs[0]!] === b[diffs[1]!] &&
      a[diffs[1]!] === b[diffs[0]!]
    );
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}
const TYPO_VERBS: ReadonlyArray<readonly [string, FilterAction]> = [
  ['hide', 'hide'],
  ['remove', 'hide'],
  ['block', 'hide'],
  ['filter', 'hide'],
  ['collapse', 'collapse'],
  ['blur', 'blur'],
  ['warn', 'warn'],
  ['pixelate', 'pixelate'],
];

/** Tidies what people type: quotes, apostrophes, contractions, please and thank you. */
function tidy(sentence: string): string {
  return ` ${sentence} `
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\b(?:do\s*n'?t|dont)\b/g, 'do not')
    .replace(/\bdoesn'?t\b/g, 'does not')
    .replace(/\b(?:can'?t|cannot)\s+stand\b/g, 'sick of')
    .replace(/\bwanna\b/g, 'want to')
    .replace(/\b(?:take|get)\s+(.{1,80}?)\s+off\s+(?:of\s+)?(?:my|the)\b/g, 'hide $1 ')
    .replace(/\bkeep\s+(.{1,80}?)\s+(?:out\s+of|off|away\s+from)\s+(?:my|the)\b/g, 'hide $1 ')
    .replace(/\b(?:i\s+)?(?:hate|dislike|loathe)\s+(?:seeing|to\s+see|reading)\b/g, 'hide')
    .replace(/\b(?:abt|bout)\b/g, 'about')
    .replace(/\b(?:u)\b/g, 'you')
    .replace(/\b(?:pls+|plz+|please|plse|kindly|thx|thanks|thank\s+you|hey|hi|veneer|ok|okay)\b/g, ' ')
    .replace(/\b(?:can|could|would|will)\s+you\b/g, ' ')
    .replace(
      /\b(?:i'?d\s+like\s+(?:you\s+)?to|i\s+would\s+like\s+(?:you\s+)?to|i\s+want\s+you\s+to|help\s+me|make\s+sure\s+(?:to|you)|go\s+ahead\s+and|just)\b/g,
      ' ',
    )
    .replace(/[!?.;:]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Pieces {
  text: string;
  phrases: string[];
  from: string[];
  exceptFrom: string[];
}

/** Takes out quoted phrases (kept as exact phrases) and accounts (`@x`, `u/x`, `r/x`), in their own case. */
function takeQuotesAndAccounts(sentence: string): Pieces {
  const phrases: string[] = [];
  let text = sentence.replace(
    /["“”„«»]([^"“”„«»]{1,100})["“”„«»]|(?<=^|\s)'([^']{2,60})'(?=\s|$|[,.!?])/g,
    (_, a, b) => {
      phrases.push(((a ?? b) as string).trim());
      return ` qphrase${phrases.length - 1}q `;
    },
  );
  const from: string[] = [];
  const exceptFrom: string[] = [];
  const handles = (list: string) => list.match(new RegExp(HANDLE, 'g'))!.map((h) => h.replace(/^\//, ''));
  const except = new RegExp(
    `\\b(?:except|but\\s+not|not|unless\\s+(?:it'?s|they'?re)|unless|apart\\s+from|other\\s+than)\\s+(?:(?:posts?\\s+)?(?:from|by)\\s+)?(${HANDLES})`,
    'i',
  );
  for (let m = except.exec(text); m; m = except.exec(text)) {
    exceptFrom.push(...handles(m[1]!));
    text = cut(text, m);
  }
  const by = new RegExp(`(?:\\b(?:from|by|of|in|on)\\s+)?(${HANDLES})`, 'i');
  for (let m = by.exec(text); m; m = by.exec(text)) {
    from.push(...handles(m[1]!));
    text = cut(text, m);
  }
  return { text, phrases, from, exceptFrom };
}

interface Found<T> {
  value: T;
  text: string;
}

/** The first of the named patterns found (earliest in the sentence; on a tie the first listed), taken out. */
function takeFirst<T>(text: string, options: ReadonlyArray<readonly [T, string]>): Found<T> | null {
  let best: { value: T; match: RegExpExecArray } | null = null;
  for (const [value, pattern] of options) {
    const match = words(pattern).exec(text);
    if (match && (!best || match.index < best.match.index)) best = { value, match };
  }
  return best ? { value: best.value, text: cut(text, best.match) } : null;
}

/** Every one of the named patterns found, each taken out. */
function takeAll<T>(
  text: string,
  options: ReadonlyArray<readonly [T, string]>,
): { values: T[]; text: string } {
  const values: T[] = [];
  let rest = text;
  for (const [value, pattern] of options) {
    const re = words(pattern);
    for (let m = re.exec(rest); m; m = re.exec(rest)) {
      if (!values.includes(value)) values.push(value);
      rest = cut(rest, m);
    }
  }
  return { values, text: rest };
}

/** The sites the sentence names ("on x and bluesky", "reddit posts", "tweets"), or a site Veneer does not know. */
function takeSites(text: string): { sites: string[]; text: string } | { error: string } {
  const other = new RegExp(`(?:\\b(?:on|in|from|at|across)\\s+|^|\\s)(${OTHER_SITES})(?=\\s|$|,)`).exec(text);
  if (other && /\b(?:on|in|from|at|across)\s/.test(other[0])) {
    return {
      error: `Veneer works on X, Reddit, YouTube, Bluesky and Mastodon, not on ${other[1]}.`,
    };
  }
  let rest = text.replace(
    /\b(?:everywhere|on\s+(?:all|every|any)\s+sites?|(?:on\s+)?all\s+(?:the\s+)?sites|on\s+all\s+of\s+them)\b/g,
    ' ',
  );
  const sites = new Set<string>();
  const idOf = (name: string) =>
    SITE_NAMES.find((site) => new RegExp(`^(?:${site.pattern})$`).test(name.trim()))?.id;
  // "except on mastodon", "but not on x or reddit": every other site.
  const excluded = new Set<string>();
  const except = new RegExp(
    `\\b(?:except|but\\s+not|not|apart\\s+from|other\\s+than)\\s+(?:on|in|from)\\s+((?:${ANY_SITE})(?:${LIST_JOIN}(?:${ANY_SITE}))*)(?=\\s|$|,)`,
  );
  for (let m = except.exec(rest); m; m = except.exec(rest)) {
    for (const name of m[1]!.split(new RegExp(LIST_JOIN))) {
      const id = idOf(name);
      if (id) excluded.add(id);
    }
    rest = cut(rest, m);
  }
  // "on x, reddit and bluesky": "x" is a site only here (elsewhere it is a letter).
  const list = new RegExp(
    `\\b(?:on|in|from|at|across|over)\\s+((?:${ANY_SITE})(?:${LIST_JOIN}(?:${ANY_SITE}))*)(?=\\s|$|,)`,
  );
  for (let m = list.exec(rest); m; m = list.exec(rest)) {
    for (const name of m[1]!.split(new RegExp(LIST_JOIN))) {
      const id = idOf(name);
      if (id) sites.add(id);
    }
    rest = cut(rest, m);
  }
  // Site names alone, before what they name ("reddit posts", "youtube shorts"); not "x" nor "yt",
  // which are also words, and not a site that is the subject ("twitter drama").
  for (const site of SITE_NAMES) {
    const names = site.pattern
      .split('|')
      .filter((p) => p !== 'x' && p !== 'yt')
      .join('|');
    const bare = words(`(?:${names})(?=\\s+(?:${SITE_THINGS})\\b)`);
    for (let m = bare.exec(rest); m; m = bare.exec(rest)) {
      sites.add(site.id);
      rest = cut(rest, m);
    }
  }
  // "on redit", "on youtub": a typo after "on".
  const typo = /\bon\s+([a-z]{5,})\b/.exec(rest);
  if (typo) {
    const near = SITE_NAMES.find((site) =>
      site.pattern.split('|').some((p) => /^[a-z]+$/.test(p) && p.length >= 5 && oneEditApart(p, typo[1]!)),
    );
    if (near) {
      sites.add(near.id);
      rest = cut(rest, typo);
    }
  }
  for (const [site, pattern] of SITE_POST_WORDS) if (words(pattern).test(rest)) sites.add(site);
  if (excluded.size > 0 && sites.size === 0)
    for (const site of SITE_NAMES) if (!excluded.has(site.id)) sites.add(site.id);
  for (const site of excluded) sites.delete(site);
  if (excluded.size > 0 && sites.size === 0)
    return { error: 'That leaves no site for the filter to work on.' };
  return { sites: SITE_NAMES.map((s) => s.id).filter((id) => sites.has(id)), text: rest };
}

/** What to do: the first action phrase, or a verb one typo away at the start. */
function takeAction(text: string): Found<FilterAction> | null {
  const found = takeFirst(text, ACTION_PHRASES);
  if (found) return found;
  // "no politics on bluesky": "no" first says it.
  const no = /^\s*no\s+(?=\S)/.exec(text);
  if (no) return { value: 'hide', text: cut(text, no) };
  const first = /^(?:\s*)([a-z]{4,})\b/.exec(text);
  const verb = first ? TYPO_VERBS.find(([word]) => oneEditApart(word, first[1]!)) : undefined;
  if (!first || !verb) return null;
  return { value: verb[1], text: cut(text, first) };
}

/** A subject or exclusion without the words around it, or '' when nothing is left. */
function trimFiller(item: string, phrases: readonly string[]): string {
  const tokens = item
    .replace(/[()[\]{}<>"]/g, ' ')
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}#@]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  // Off both ends until none is left: words around the subject ("posts about"), and words that
  // describe how it is talked about ("Game of Thrones spoilers", "spoilers for the finale"),
  // unless nothing else is left.
  for (let before = -1; before !== tokens.length; ) {
    before = tokens.length;
    while (tokens.length > 0 && FILLER.has(tokens[0]!)) tokens.shift();
    while (tokens.length > 0 && FILLER.has(tokens.at(-1)!)) tokens.pop();
    while (tokens.length > 1 && DESCRIPTORS.has(tokens.at(-1)!)) tokens.pop();
    while (tokens.length > 1 && DESCRIPTORS.has(tokens[0]!)) tokens.shift();
  }
  // A quoted phrase is a term of its own: "\"game of thrones\" spoilers" is the phrase.
  const quoted = tokens.filter((token) => /^qphrase\d+q$/.test(token));
  if (
    quoted.length > 0 &&
    quoted.length < tokens.length &&
    tokens.every((t) => quoted.includes(t) || DESCRIPTORS.has(t))
  )
    tokens.splice(0, tokens.length, ...quoted);
  return tokens
    .join(' ')
    .replace(/qphrase(\d+)q/g, (_, i) => `"${phrases[Number(i)]}"`)
    .trim();
}

/** A list's items: "spiders, snakes and bees", "spiders/snakes" (not "9/11"). */
const splitList = (text: string) =>
  text.split(/\s*(?:,|;|(?<!\d)\/|\/(?!\d)|&|\+|\band\/or\b|\band\b|\bor\b|\bnor\b)\s*/);

/** The subject's terms and the exclusions ("spiders but not spider-man"). */
function subjectTerms(text: string, phrases: readonly string[]): { include: string[]; exclude: string[] } {
  const [subject = '', ...rest] = text.split(
    /\b(?:but|except(?:\s+for)?|excluding|apart\s+from|other\s+than|unless(?:\s+(?:it'?s|they'?re))?|and\s+not|not|never)\b/,
  );
  // "cats, dogs are fine": what is fine is left out.
  const fine = /^(.+?)\s+(?:is|are)\s+(?:fine|ok|okay|allowed|alright)$/;
  const items = splitList(subject);
  const include = items
    .filter((item) => !fine.test(item.trim()))
    .map((item) => trimFiller(item, phrases))
    .filter((item) => item && !/^(?:not|no)$/.test(item));
  const exclude = [...items.flatMap((item) => fine.exec(item.trim())?.[1] ?? []), ...rest.flatMap(splitList)]
    .map((item) => trimFiller(item.replace(/\b(?:not|no)\b/g, ' '), phrases))
    .filter(Boolean);
  return { include, exclude };
}

function summaryOf(filter: SentenceFilter): string {
  const verb: Record<FilterAction, string> = {
    hide: 'Hide',
    collapse: 'Collapse',
    blur: 'Blur',
    warn: 'Warn before',
    'blur-faces': 'Blur faces in',
    pixelate: 'Pixelate images in',
  };
  const kinds = filter.kinds.map((kind: PostKind) => POST_KIND_LABELS[kind]).join(' or ');
  const what: string[] = [];
  if (filter.classifier) what.push(TEXT_CLASSIFIER_LABELS[filter.classifier]);
  const posts = `${what.length ? `${what.join(' ')} ` : ''}${kinds ? `${kinds} posts` : 'posts'}`;
  const terms = parseTerms(filter.words).terms;
  const about = terms.filter((t) => t.kind !== 'exclude').map((t) => t.label);
  const not = terms.filter((t) => t.kind === 'exclude').map((t) => t.label);
  const parts = [`${verb[filter.action]} ${posts}`];
  if (about.length) parts.push(`about ${about.join(', ')}`);
  if (not.length) parts.push(`(not ${not.join(', ')})`);
  if (filter.lookIn.some((place) => place !== 'text')) parts.push('and in their images');
  if (filter.badge)
    parts.push(filter.badge === 'verified' ? 'from verified accounts' : 'from accounts with no badge');
  if (filter.from.length) parts.push(`from ${filter.from.join(', ')}`);
  if (filter.exceptFrom.length) parts.push(`except from ${filter.exceptFrom.join(', ')}`);
  parts.push(
    filter.sites.length ? `on ${filter.sites.map((s) => SITE_LABELS[s] ?? s).join(', ')}` : 'on every site',
  );
  if (filter.expiresAt) parts.push(`until ${new Date(filter.expiresAt).toLocaleString()}`);
  if (filter.classifier && filter.sensitivity !== 'medium')
    parts.push(filter.sensitivity === 'high' ? '(strict)' : '(only clear cases)');
  return parts.join(' ');
}

/**
 * A filter from a sentence ("blur spider pictures on reddit for a week", "collapse rude replies,
 * be strict", "hide posts about spiders but not spider-man"): an action, the sites, how long,
 * how strict, accounts and kinds of post, a classifier, where to look, and what to look for with
 * its exclusions, each read by the lexicon (lexicon.ts) and taken out of the sentence in turn.
 * What it cannot read is an error that says what to write instead, never a guess.
 * Relative times ("for a week", "until tomorrow") resolve against `now`, in local time.
 */
export function parseFilterSentence(sentence: string, { now }: { now: number }): ParsedSentence {
  const trimmed = sentence.normalize('NFKC').trim();
  if (trimmed === '') return { error: `Tell Veneer what to hide: ${TRY_THIS}.` };
  if (trimmed.length > MAX_SENTENCE_LENGTH)
    return {
      error: `That is ${trimmed.length} characters; one filter is said in ${MAX_SENTENCE_LENGTH} or fewer: ${TRY_THIS}.`,
    };
  const pieces = takeQuotesAndAccounts(trimmed);
  let text = tidy(pieces.text);
  const wantsMore = WANTS_MORE.test(text);

  const duration = findDuration(text, now);
  if (duration.problem) return { error: `I couldn't tell how long: ${duration.problem}.` };
  text = duration.rest;

  let sensitivity: Sensitivity = 'medium';
  const strictness = takeFirst(text, SENSITIVITY_WORDS);
  if (strictness) ({ value: sensitivity, text } = strictness);

  const sites = takeSites(text);
  if ('error' in sites) return { error: sites.error };
  text = sites.text;

  const action = takeAction(text);
  if (!action && wantsMore)
    return {
      error: `Veneer hides, collapses, blurs or warns about posts; it cannot show more of something: ${TRY_THIS}.`,
    };
  if (!action)
    return {
      error: `I couldn't tell what to do with these posts: start with hide, collapse, blur or warn (${TRY_THIS}).`,
    };
  text = action.text;

  // The classifier first: its words may need the kind after them ("mean comments").
  let classifier: TextClassifier | undefined;
  const classified = takeFirst(text, CLASSIFIER_WORDS);
  if (classified) ({ value: classifier, text } = classified);
  // Whose badge before the kinds: "replies from blue checks", "posts by unverified accounts".
  const badged = takeFirst(text, BADGE_WORDS);
  if (badged) text = badged.text;
  const badge = badged?.value;
  const kinds = takeAll(text, KIND_WORDS);
  text = kinds.text;

  const lookIn = new Set<LookIn>(['text']);
  const imageText = words(IMAGE_TEXT_WORDS).test(text);
  const images = words(IMAGE_WORDS).test(text);
  text = text.replace(new RegExp(words(IMAGE_WORDS).source, 'gu'), ' ');
  if (images) lookIn.add('image-text');
  if (imageText) lookIn.add('image-text');

  const everything = EVERYTHING_WORDS.test(text);
  const { include, exclude } = subjectTerms(text.replace(/\s+/g, ' ').trim(), pieces.phrases);
  const long = include.find((item) => item.split(' ').length > MAX_SUBJECT_WORDS);
  if (long)
    return {
      error: `I couldn't tell what to hide in "${long}": name it in a few words, separated by commas (${TRY_THIS}).`,
    };
  const subject = include.filter((item) => !EVERYTHING_WORDS.test(item));
  const narrowed = classifier || kinds.values.length > 0 || pieces.from.length > 0 || badge !== undefined;
  const everyPost = ACTIONS_FOR_EVERY_POST.includes(action.value);
  if (subject.length === 0 && !narrowed && !everyPost) {
    return everything
      ? { error: `That would ${action.value} every post: say what about (${TRY_THIS}).` }
      : {
          error: `I couldn't tell what to ${action.value === 'warn' ? 'warn you about' : action.value}: ${TRY_THIS}.`,
        };
  }
  const termList = [...subject, ...exclude.map((item) => `not: ${item}`)].join(', ');
  const notes: string[] = [];
  if (images && subject.length > 0) {
    const concepts = imageConceptsFor(subject.join(', '));
    if (concepts.nsfw.length > 0 || concepts.objects.length > 0) lookIn.add('image-content');
    if (concepts.unseen.length > 0)
      notes.push(
        `Veneer's image model cannot recognise ${concepts.unseen.join(', ')}: the filter reads the post's text and, with cloud processing on, the text in its images.`,
      );
  }
  if (imageConceptsFor(subject.join(', ')).nsfw.length > 0) lookIn.add('image-content');

  const parsed = FilterSchema.omit({ id: true }).safeParse({
    words: termList,
    action: action.value,
    classifier,
    sensitivity,
    lookIn: [...lookIn],
    from: pieces.from,
    exceptFrom: pieces.exceptFrom,
    kinds: kinds.values,
    ...(badge ? { badge } : {}),
    sites: sites.sites,
    ...(duration.expiresAt !== null ? { expiresAt: duration.expiresAt } : {}),
  });
  if (!parsed.success)
    return { error: `I couldn't make a filter of that: ${parsed.error.issues[0]?.message}.` };
  const problems = parseTerms(parsed.data.words).problems;
  if (problems.length > 0) return { error: `I couldn't make a filter of that: ${problems[0]}.` };
  return { filter: parsed.data, summary: summaryOf(parsed.data), notes };
}
