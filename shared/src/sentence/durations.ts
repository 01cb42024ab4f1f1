/**
 * How long a filter written as a sentence lasts: "for a week", "for 3 days", "until tomorrow",
 * "till friday", "for the weekend", "today", "24h". Resolved against `now` in local time (the
 * browser's or the command line's time zone); "until <day>" lasts through that day.
 */

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};
const UNIT_WORDS: Record<string, string> = {
  m: 'minute',
  min: 'minute',
  mins: 'minute',
  minute: 'minute',
  minutes: 'minute',
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  mo: 'month',
  year: 'year',
  years: 'year',
  yr: 'year',
};
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  couple: 2,
  'a couple of': 2,
  'a couple': 2,
  three: 3,
  few: 3,
  'a few': 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fourteen: 14,
  thirty: 30,
};
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_WORDS: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  ...Object.fromEntries(DAYS.map((day, i) => [day, i])),
};

const COUNT = `(\\d+(?:\\.\\d+)?|${Object.keys(COUNT_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const UNIT = `(${Object.keys(UNIT_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const DAY = `(${Object.keys(DAY_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const UNTIL = '(?:until|till|til|till|untill|up to|through|thru|to)';

/** The end of the local day `days` after now's (0: tonight at midnight). */
function endOfDay(now: number, days: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  date.setDate(date.getDate() + days);
  return date.getTime();
}

/** The days from now's day to the next `weekday` (a week when it is today). */
function daysUntil(now: number, weekday: number): number {
  const diff = (weekday - new Date(now).getDay() + 7) % 7;
  return diff === 0 ? 7 : diff;
}

interface DurationRule {
  pattern: RegExp;
  /** When the filter stops applying (null: never), or a problem to tell the person. */
  resolve(match: RegExpExecArray, now: number): number | null | { problem: string };
}

const RULES: DurationRule[] = [
  {
    pattern: /\b(?:forever|permanently|for good|for ever|always|from now on|indefinitely)\b/,
    resolve: () => null,
  },
  {
    pattern: new RegExp(`\\b(?:for|during)\\s+(?:the\\s+)?(?:next\\s+|following\\s+)?${COUNT}\\s*${UNIT}\\b`),
    resolve: (m, now) => {
      const count = /^\d/.test(m[1]!) ? Number(m[1]) : COUNT_WORDS[m[1]!]!;
      if (!(count > 0)) return { problem: `"${m[0]}" is no time at all` };
      if (count > 10_000)
        return { problem: `"${m[0]}" is too long: leave the time out for a filter that never ends` };
      return now + count * UNIT_MS[UNIT_WORDS[m[2]!]!]!;
    },
  },
  {
    // "24h", "3 days" with no "for" ("hide spoilers 3 days").
    pattern: new RegExp(`(?:^|\\s)(\\d+)\\s*${UNIT}\\b(?!\\s*(?:ago|old))`),
    resolve: (m, now) => {
      const count = Number(m[1]);
      if (!(count > 0)) return { problem: `"${m[0].trim()}" is no time at all` };
      if (count > 10_000)
        return { problem: `"${m[0].trim()}" is too long: leave the time out for a filter that never ends` };
      return now + count * UNIT_MS[UNIT_WORDS[m[2]!]!]!;
    },
  },
  {
    pattern: new RegExp(`\\b(?:${UNTIL}\\s+next\\s+week|${UNTIL}\\s+monday\\s+next\\s+week)\\b`),
    resolve: (_, now) => endOfDay(now, daysUntil(now, 1) - 1),
  },
  {
    pattern: new RegExp(`\\b(?:for\\s+)?(?:the\\s+)?(?:next|coming)\\s+${UNIT}\\b`),
    resolve: (m, now) => now + UNIT_MS[UNIT_WORDS[m[1]!]!]!,
  },
  {
    pattern: new RegExp(`\\b${UNTIL}\\s+(?:the\\s+)?(?:day\\s+after\\s+tomorrow)\\b`),
    resolve: (_, now) => endOfDay(now, 2),
  },
  {
    pattern: new RegExp(
      `\\b(?:${UNTIL}\\s+|for\\s+)?(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)(?:\\s+(?:night|evening))?\\b`,
    ),
    resolve: (_, now) => endOfDay(now, 1),
  },
  {
    pattern: new RegExp(
      `\\b(?:${UNTIL}\\s+(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?day|${UNTIL}\\s+tonight|${UNTIL}\\s+midnight|for\\s+(?:the\\s+rest\\s+of\\s+)?(?:the\\s+)?day|for\\s+today|for\\s+tonight|today(?!')|tonight(?!')|rest\\s+of\\s+(?:the\\s+)?day)\\b`,
    ),
    resolve: (_, now) => endOfDay(now, 0),
  },
  {
    pattern: new RegExp(
      `\\b(?:${UNTIL}\\s+(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?week|for\\s+(?:the\\s+rest\\s+of\\s+)?this\\s+week|this\\s+week)\\b`,
    ),
    // Through Sunday.
    resolve: (_, now) => endOfDay(now, (7 - new Date(now).getDay()) % 7),
  },
  {
    pattern: new RegExp(
      `\\b(?:(?:for|over|during|${UNTIL}\\s+(?:the\\s+)?end\\s+of)\\s+(?:the\\s+|this\\s+)?weekend|this\\s+weekend)\\b`,
    ),
    // Through Sunday (from Monday to Friday: the coming one).
    resolve: (_, now) => endOfDay(now, (7 - new Date(now).getDay()) % 7),
  },
  {
    pattern: new RegExp(
      `\\b(?:${UNTIL}\\s+(?:the\\s+)?end\\s+of\\s+(?:the\\s+|this\\s+)?month|for\\s+(?:the\\s+rest\\s+of\\s+)?this\\s+month|this\\s+month)\\b`,
    ),
    resolve: (_, now) => {
      const date = new Date(now);
      return new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime();
    },
  },
  {
    pattern: new RegExp(`\\b${UNTIL}\\s+(?:next\\s+|this\\s+|on\\s+)?${DAY}\\b`),
    resolve: (m, now) => endOfDay(now, daysUntil(now, DAY_WORDS[m[1]!]!)),
  },
];

export interface FoundDuration {
  /** When the filter stops applying; null: it never does. */
  expiresAt: number | null;
  /** The sentence without the words that said it. */
  rest: string;
  problem?: string;
}

/** Finds how long the filter lasts in a lower-case sentence; the sentence without it. */
export function findDuration(sentence: string, now: number): FoundDuration {
  for (const rule of RULES) {
    const match = rule.pattern.exec(sentence);
    if (!match) continue;
    const rest = `${sentence.slice(0, match.index)} ${sentence.slice(match.index + match[0].length)}`;
    const resolved = rule.resolve(match, now);
    if (resolved !== null && typeof resolved === 'object')
      return { expiresAt: null, rest, problem: resolved.problem };
    return { expiresAt: resolved, rest };
  }
  return { expiresAt: null, rest: sentence };
}
