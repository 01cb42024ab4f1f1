/**
 * pnpm eval:titles [csv]: a sanity figure for the thumbnail lab's title signals, nothing more. On
 * ../shared/data/text/youtube_titles_views_aria-yang.csv (196 videos with views normalized by
 * subscribers), how do the lab's title score and its parts rank the videos against their
 * normalized performance (Spearman)? A rank correlation near 0 means the signal says little
 * about views here; the lab never presents its score as a click-through rate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { titlePart } from '@veneer/shared/thumbs';
import { csvRecords } from './csv.ts';
import { OnnxTextClassifier } from './onnx-text-classifier.ts';
import { modelFile, sharedDataDir } from './paths.ts';
import { spearman } from './spearman.ts';

const file = process.argv[2] ?? path.join(sharedDataDir, 'text/youtube_titles_views_aria-yang.csv');
const rows = csvRecords(fs.readFileSync(file, 'utf8')).filter(
  (row) => row.Title && Number.isFinite(Number(row.normalized_performance)),
);
const clickbait = await OnnxTextClassifier.load(modelFile('clickbait'));

/** The title part of the appeal score, as the lab computes it. */
const titleScore = (title: string, probability: number) =>
  titlePart({ length: title.trim().length, clickbait: probability }).value;

const performance = rows.map((row) => Number(row.normalized_performance));
const probabilities = await Promise.all(rows.map((row) => clickbait.probability(row.Title!)));
const results = {
  videos: rows.length,
  title_score_spearman: spearman(
    rows.map((row, i) => titleScore(row.Title!, probabilities[i]!)),
    performance,
  ),
  clickbait_spearman: spearman(probabilities, performance),
  length_spearman: spearman(
    rows.map((row) => row.Title!.trim().length),
    performance,
  ),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
else
  for (const [key, value] of Object.entries(results))
    console.log(
      `${key.padEnd(22)} ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3) : value}`,
    );
