/**
 * pnpm bench:learning: what a learned filter costs. A mark ("Not this", "Hide this too") in the
 * background: the stored examples read back, the model trained on them and written again, at 1,
 * 100 and 500 examples (goal: at most 50 ms here); the floor is what any way of keeping the list
 * must do, reading and writing the filter as JSON. And judging one post on a feed page with a
 * learned filter, next to the same post judged by a word filter (the floor of a feed with filters).
 * Posts are real headlines (../shared/data/topics, HuffPost), medians of many runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FilterSchema } from '@veneer/shared/filters';
import { Judge } from '@veneer/shared/judge';
import { learnedFeatures, storeLearned, withExample } from '@veneer/shared/learning';
import { BACKGROUND_WORDS } from '@veneer/shared/learning/background-words';
import { csvRecords } from '../../text-models/src/csv.ts';
import { dataDir } from '../stack/index.ts';
import { percentile, type Row, report, round } from './bench-report.ts';

const headlines = csvRecords(
  fs.readFileSync(path.join(dataDir, 'topics/huffpost_fewshot_41cat_36900.csv'), 'utf8'),
).map((r) => r.headline_lower_tokenized!);
const median = (values: number[]) => percentile(values, 50);
const time = (run: () => void, times: number) =>
  Array.from({ length: times }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });

const rows: Row[] = [];
for (const count of [1, 100, 500]) {
  const examples = headlines.slice(0, count).map((text, i) => ({
    mark: i % 4 === 3 ? ('not' as const) : ('hide' as const),
    features: learnedFeatures(text),
  }));
  const stored = storeLearned(examples, BACKGROUND_WORDS);
  const filter = FilterSchema.parse({ id: 'like', action: 'collapse', learned: stored });
  let next = 0;
  const mark = median(
    time(() => withExample(stored, 'hide', headlines[1000 + (next++ % 1000)]!, BACKGROUND_WORDS), 60),
  );
  const floor = median(time(() => JSON.parse(JSON.stringify(filter)), 60));
  rows.push({
    case: `mark, ${count} examples`,
    update_ms: round(mark, 2),
    floor_json_ms: round(floor, 3),
    ratio: round(mark / floor, 1),
    stored_kb: round(JSON.stringify(stored).length / 1024, 1),
  });
}

// One post judged on a feed page: a learned filter (500 examples) next to a word filter.
const posts = headlines.slice(2000, 7000);
const learned = FilterSchema.parse({
  id: 'like',
  action: 'collapse',
  learned: storeLearned(
    headlines.slice(0, 500).map((text) => ({ mark: 'hide' as const, features: learnedFeatures(text) })),
    BACKGROUND_WORDS,
  ),
});
const words = FilterSchema.parse({
  id: 'words',
  words: 'spiders, crypto giveaway, "season finale"',
  action: 'collapse',
});
for (const [name, filters] of [
  ['judge a post: word filter (floor)', [words]],
  ['judge a post: word filter + learned filter', [words, learned]],
] as const) {
  const judge = new Judge(filters);
  const perPost = time(() => {
    for (const text of posts) judge.wordsVerdict({ text, images: [] });
  }, 15).map((ms) => (ms * 1000) / posts.length);
  rows.push({ case: name, per_post_us: round(median(perPost), 2) });
}
report('learning', rows);
