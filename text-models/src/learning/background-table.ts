/**
 * `pnpm learning:background`: makes the background word table (shared/src/learning/
 * background-words.json) that "Hide posts like this" measures a post's distinctive words against:
 * in how many posts of ordinary, not topic-labelled text each word appears. Its sources are the
 * news headlines and YouTube titles in ../shared/data/text and the 20 Newsgroups subject lines
 * (their text only, not their labels), none of the sets that eval:learning measures on (HuffPost,
 * TweetTopic); their sha256 are written into the table. (Davidson's tweets are left out: a third
 * of their words are slurs, which would make slurs look ordinary.)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { contentWords } from '@veneer/shared/learning';
import { csvRecords } from '../csv.ts';
import { repoRoot, sharedDataDir } from '../paths.ts';

const SOURCES = [
  { file: 'text/clickbait_headlines_train.csv', column: 'headline' },
  { file: 'text/youtube_titles_views_aria-yang.csv', column: 'Title' },
  { file: 'topics/20newsgroups_train_subjects.csv', column: 'subject_no_re' },
];
/** Words in fewer posts than this are left out (rarer than the table says anything about). */
const MIN_COUNT = 3;
export const BACKGROUND_FILE = path.join(repoRoot, 'shared/src/learning/background-words.json');

const counts = new Map<string, number>();
let docs = 0;
const sources: Record<string, string> = {};
for (const { file, column } of SOURCES) {
  const text = fs.readFileSync(path.join(sharedDataDir, file), 'utf8');
  sources[file] = createHash('sha256').update(text).digest('hex');
  for (const record of csvRecords(text)) {
    docs++;
    for (const word of new Set(contentWords(record[column] ?? '')))
      counts.set(word, (counts.get(word) ?? 0) + 1);
  }
}
const kept = [...counts]
  .filter(([, n]) => n >= MIN_COUNT)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const table = {
  made: 'pnpm learning:background (text-models/src/learning/background-table.ts)',
  sources,
  docs,
  counts: Object.fromEntries(kept),
};
fs.writeFileSync(BACKGROUND_FILE, `${JSON.stringify(table)}\n`);
console.log(
  `${kept.length} words from ${docs} posts -> ${path.relative(repoRoot, BACKGROUND_FILE)} (${fs.statSync(BACKGROUND_FILE).size} bytes)`,
);
