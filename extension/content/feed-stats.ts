/**
 * What the rewrite engine costs on this page, kept cheaply (a number per post, the last 10,000)
 * for `pnpm bench:feed` and for anyone debugging a slow feed: time per post read and judged,
 * time per scan (one animation-frame callback), scans over 50 ms (long tasks), and the time spent
 * applying the on-device models' answers (outside the scans).
 */
const KEEP = 10_000;

export interface FeedStatsSnapshot {
  posts: number;
  /**
   * Milliseconds per post, the most recent ones: each scan's time shared among the posts it
   * judged (the clock of a content script ticks in 0.1 ms, longer than one post takes).
   */
  perPostMs: number[];
  scans: number;
  longestScanMs: number;
  /** Scans that took more than 50 ms: long tasks the extension caused. */
  longScans: number;
  /** Milliseconds spent applying the models' answers to the posts that waited for them, in all. */
  answersMs: number;
  answers: number;
}

export class FeedStats {
  private perPost = new Float64Array(KEEP);
  private posts = 0;
  private scans = 0;
  private longestScan = 0;
  private longScans = 0;
  private answersMs = 0;
  private answers = 0;

  /** One scan took `ms` and judged `judged` posts. */
  scan(ms: number, judged: number): void {
    for (let i = 0; i < judged; i++) this.perPost[(this.posts + i) % KEEP] = ms / judged;
    this.posts += judged;
    this.scans++;
    if (ms > this.longestScan) this.longestScan = ms;
    if (ms > 50) this.longScans++;
  }

  /** One answer of the on-device models took `ms` to apply. */
  answer(ms: number): void {
    this.answersMs += ms;
    this.answers++;
  }

  snapshot(): FeedStatsSnapshot {
    const kept = Math.min(this.posts, KEEP);
    return {
      posts: this.posts,
      perPostMs: Array.from(this.perPost.subarray(0, kept)),
      scans: this.scans,
      longestScanMs: this.longestScan,
      longScans: this.longScans,
      answersMs: this.answersMs,
      answers: this.answers,
    };
  }
}
