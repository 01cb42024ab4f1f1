import { FilterSchema } from '@veneer/shared/filters';
import { Judge } from '@veneer/shared/judge';
import {
  type BackgroundTable,
  LEARNED_THRESHOLDS,
  type LearnedExample,
  type LearnedWeights,
  learnedFeatures,
  learnedScore,
  trainLearned,
} from '@veneer/shared/learning';
import { type BinaryMetrics, binaryMetrics } from '../binary-metrics.ts';

/** One post of a topic-labelled stream. */
export interface StreamPost {
  text: string;
  /** Whether it is about the topic the person wants gone. */
  onTopic: boolean;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface LearningRun {
  /** Posts the person scrolls through and marks (the stream's first half). */
  scrolled: number;
  /** Posts every filter is measured on (the rest of the stream), and how many are on the topic. */
  measured: number;
  measuredOnTopic: number;
  /** The plain word filter (what a person would type for the topic) on the measured posts. */
  words: Scores & { filter: string };
  /** The learned filter after k marks (k = 0: the one "hide posts like this" alone); `marks` made. */
  learned: Array<Scores & { k: number; marks: number }>;
}

const scores = (m: BinaryMetrics): Scores => ({ precision: m.precision, recall: m.recall, f1: m.f1 });

/**
 * A person on a stream of posts: they find a post on the topic and choose "Hide posts like this";
 * then, scrolling the first half of the stream, each post the filter gets wrong they mark ("Hide
 * this too" on one it missed, "Not this" on one it changed), up to `ks`' largest number of marks.
 * After every k marks the filter (at medium sensitivity) is measured on the stream's second half,
 * which nobody marked.
 */
export function simulateLearning(
  stream: readonly StreamPost[],
  table: BackgroundTable,
  wordFilter: string,
  ks: readonly number[] = [5, 10, 25, 50],
): LearningRun {
  const threshold = LEARNED_THRESHOLDS.medium;
  const half = Math.floor(stream.length / 2);
  const scroll = stream.slice(0, half);
  const measure = stream.slice(half);
  const measureFeatures = measure.map((post) => learnedFeatures(post.text));
  const truth = measure.map((post) => (post.onTopic ? 1 : 0));
  const hides = (weights: LearnedWeights, features: Uint32Array) =>
    learnedScore(weights, features) >= threshold;
  const evaluate = (weights: LearnedWeights) =>
    scores(
      binaryMetrics(
        truth,
        measureFeatures.map((features) => (hides(weights, features) ? 1 : 0)),
      ),
    );

  const judge = new Judge([FilterSchema.parse({ id: 'words', words: wordFilter, action: 'hide' })]);
  const words = {
    filter: wordFilter,
    ...scores(
      binaryMetrics(
        truth,
        measure.map((post) => (judge.wordsVerdict({ text: post.text, images: [] }) ? 1 : 0)),
      ),
    ),
  };

  const start = scroll.findIndex((post) => post.onTopic);
  if (start < 0) throw new Error('no post on the topic in the first half of the stream');
  const examples: LearnedExample[] = [{ mark: 'hide', features: learnedFeatures(scroll[start]!.text) }];
  let weights = trainLearned(table, examples);
  const learned: LearningRun['learned'] = [{ k: 0, marks: 0, ...evaluate(weights) }];
  const targets = [...ks].sort((a, b) => a - b);
  let marks = 0;
  for (let i = start + 1; i < scroll.length && marks < targets.at(-1)!; i++) {
    const post = scroll[i]!;
    const features = learnedFeatures(post.text);
    if (hides(weights, features) === post.onTopic) continue;
    examples.push({ mark: post.onTopic ? 'hide' : 'not', features });
    weights = trainLearned(table, examples);
    marks++;
    if (targets.includes(marks)) learned.push({ k: marks, marks, ...evaluate(weights) });
  }
  // A stream too short for every k: the figures after the marks it had.
  for (const k of targets)
    if (!learned.some((row) => row.k === k)) learned.push({ k, marks, ...evaluate(weights) });
  return {
    scrolled: scroll.length,
    measured: measure.length,
    measuredOnTopic: truth.filter(Boolean).length,
    words,
    learned,
  };
}
