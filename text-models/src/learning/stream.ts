import { shuffled } from '../seeded-shuffle.ts';
import type { StreamPost } from './simulate.ts';

/** Topics a row names: separated by `|` (TweetTopic's multi-label column), case kept. */
const topicsOf = (row: Record<string, string>, column: string) =>
  (row[column] ?? '')
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean);

/** Every topic named in the rows, most common first. */
export function topicsIn(rows: ReadonlyArray<Record<string, string>>, column: string): string[] {
  const counts = new Map<string, number>();
  for (const row of rows)
    for (const topic of topicsOf(row, column)) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([topic]) => topic);
}

/** The rows as a stream of posts in a seeded random order, each marked on the topic or not. */
export function streamFor(
  rows: ReadonlyArray<Record<string, string>>,
  columns: { text: string; topics: string },
  topic: string,
  seed: number,
): StreamPost[] {
  const wanted = topic.toLowerCase();
  const posts = rows
    .filter((row) => (row[columns.text] ?? '').trim() !== '')
    .map((row) => ({
      text: row[columns.text]!,
      onTopic: topicsOf(row, columns.topics).some((t) => t.toLowerCase() === wanted),
    }));
  return shuffled(posts, seed);
}

/**
 * What a person would type for a topic in a plain word filter: its name's words, split where the
 * name joins them ("news_&_social_concern" -> "news, social concern"; "HOME & LIVING" -> "home,
 * living"), without "the".
 */
export function topicWords(topic: string): string {
  return topic
    .toLowerCase()
    .split(/\s*(?:&|\/|\||,|_&_|\band\b)\s*/)
    .map((part) =>
      part
        .replace(/_/g, ' ')
        .replace(/\bthe\b/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join(', ');
}
