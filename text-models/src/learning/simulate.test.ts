import { describe, expect, it } from 'vitest';
import { type StreamPost, simulateLearning } from './simulate.ts';
import { streamFor, topicWords } from './stream.ts';

const table = { docs: 1000, counts: { game: 100, night: 100, today: 100, city: 50 } };

/** A fake stream: spider posts use a handful of spider words each, others ordinary words. */
function fakeStream(): StreamPost[] {
  const spider = ['tarantula', 'venom', 'web', 'arachnid', 'fangs', 'spider', 'bite', 'eight legs'];
  const other = ['game', 'night', 'city', 'today', 'weather', 'election', 'recipe', 'concert', 'traffic'];
  const posts: StreamPost[] = [];
  for (let i = 0; i < 400; i++) {
    const onTopic = i % 5 === 0;
    const pool = onTopic ? spider : other;
    const words = [pool[i % pool.length], pool[(i * 3 + 1) % pool.length], other[(i * 7) % other.length]];
    posts.push({ text: words.join(' '), onTopic });
  }
  return posts;
}

describe('simulated learning', () => {
  it('gets better with marks than the plain word filter on a stream where the topic has many words', () => {
    const run = simulateLearning(fakeStream(), table, 'spiders');
    const at = (k: number) => run.learned.find((row) => row.k === k)!;
    expect(run.measured).toBe(200);
    expect(run.measuredOnTopic).toBe(40);
    expect(at(10).f1).toBeGreaterThan(run.words.f1 + 0.15);
    expect(at(10).f1).toBeGreaterThanOrEqual(at(0).f1);
  });

  it('says how many marks it had when the stream ran out of mistakes', () => {
    const run = simulateLearning(fakeStream(), table, 'spiders', [5, 1000]);
    const last = run.learned.at(-1)!;
    expect(last.k).toBe(1000);
    expect(last.marks).toBeLessThan(1000);
  });
});

describe('streams', () => {
  it('marks the posts on the topic, in the same order for the same seed', () => {
    const rows = [
      { text: 'a', topics: 'sports|music' },
      { text: 'b', topics: 'music' },
      { text: '', topics: 'sports' },
      { text: 'c', topics: 'SPORTS' },
    ];
    const stream = streamFor(rows, { text: 'text', topics: 'topics' }, 'sports', 1);
    expect(stream).toHaveLength(3);
    expect(
      stream
        .filter((p) => p.onTopic)
        .map((p) => p.text)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(streamFor(rows, { text: 'text', topics: 'topics' }, 'sports', 1)).toEqual(stream);
  });

  it('writes a topic as the words a person would type', () => {
    expect(topicWords('news_&_social_concern')).toBe('news, social concern');
    expect(topicWords('HOME & LIVING')).toBe('home, living');
    expect(topicWords('THE WORLDPOST')).toBe('worldpost');
  });
});
