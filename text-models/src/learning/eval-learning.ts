/**
 * `pnpm eval:learning <csv> --topic <name> [--json]`: how fast a learned filter ("Hide posts like
 * this", then "Hide this too" / "Not this") learns a topic, simulated on a topic-labelled stream of
 * posts (columns `text` and `topics`, topics separated by `|`; other column names by option), next
 * to the plain word filter a person would type for the topic. `--topic all` runs every topic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BACKGROUND_WORDS } from '@veneer/shared/learning/background-words';
import { csvRecords } from '../csv.ts';
import { type LearningRun, simulateLearning } from './simulate.ts';
import { streamFor, topicsIn, topicWords } from './stream.ts';

const USAGE =
  'usage: pnpm eval:learning <posts.csv> --topic <name|all> [--text-column text] [--topics-column topics] ' +
  '[--where column=value] [--words "what a person would type"] [--seed 1] [--json]';

const TOPIC_MODEL = {
  available: false,
  why: 'Veneer has no topic model yet: it needs a pretrained text encoder, and none is available here (issue 21).',
};

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      topic: { type: 'string' },
      'text-column': { type: 'string', default: 'text' },
      'topics-column': { type: 'string', default: 'topics' },
      where: { type: 'string' },
      words: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || !values.topic) throw new UsageError(USAGE);
  const records = csvRecords(
    fs.readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8'),
  );
  const columns = { text: values['text-column'], topics: values['topics-column'] };
  for (const column of Object.values(columns))
    if (records.length > 0 && !(column in records[0]!))
      throw new UsageError(`${file} has no column "${column}"`);
  const [whereColumn, whereValue] = values.where?.split('=') ?? [];
  const rows = whereColumn ? records.filter((r) => r[whereColumn] === whereValue) : records;
  const topics = values.topic === 'all' ? topicsIn(rows, columns.topics) : [values.topic];
  const seed = Number(values.seed);
  const results: Array<LearningRun & { topic: string }> = [];
  for (const topic of topics) {
    const stream = streamFor(rows, columns, topic, seed);
    if (!stream.some((post) => post.onTopic))
      throw new UsageError(`no post in ${file} is on the topic "${topic}"`);
    results.push({ topic, ...simulateLearning(stream, BACKGROUND_WORDS, values.words ?? topicWords(topic)) });
  }
  if (values.json) console.log(JSON.stringify({ file, seed, topicModel: TOPIC_MODEL, results }, null, 2));
  else printTable(results);
  return 0;
}

function printTable(results: ReadonlyArray<LearningRun & { topic: string }>): void {
  const f = (x: number) => x.toFixed(2);
  const ks = results[0]?.learned.map((row) => row.k) ?? [];
  console.log(['topic', 'on topic', 'words F1', ...ks.map((k) => `k=${k} F1`), 'k=10 - words'].join('\t'));
  for (const r of results) {
    const at = (k: number) => r.learned.find((row) => row.k === k)!.f1;
    console.log(
      [
        r.topic,
        `${r.measuredOnTopic}/${r.measured}`,
        f(r.words.f1),
        ...ks.map((k) => f(at(k))),
        f(at(10) - r.words.f1),
      ].join('\t'),
    );
  }
  console.log(`topic model: ${TOPIC_MODEL.why}`);
}

class UsageError extends Error {}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode =
    error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
      ? 2
      : 1;
}
