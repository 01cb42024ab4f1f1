import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_POSTS_AFTER_MS, type PageReport, PageReporter } from './page-report.ts';
import type { SiteAdapter } from './site-adapter.ts';

const fakeAdapter: SiteAdapter = {
  site: 'x',
  postSelector: 'article',
  placement: 'before',
  readPost: () => null,
  expectsPosts: () => true,
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PageReporter', () => {
  it('counts changed posts by reason and hidden ones, and sends one report per burst', () => {
    const sent: PageReport[] = [];
    const reporter = new PageReporter(fakeAdapter, (r) => sent.push(r), 100);
    for (const id of ['1', '2', '3']) reporter.postSeen(id);
    // The first post turns the page's health to ok: that is sent at once...
    expect(sent).toMatchObject([{ health: 'ok', postsSeen: 1 }]);
    reporter.postModified('1', { action: 'collapse', reason: 'spiders', filterId: 'a' });
    reporter.postModified('2', { action: 'collapse', reason: 'spiders', filterId: 'a' });
    reporter.postModified('3', { action: 'hide', reason: 'crypto', filterId: 'b' });
    vi.advanceTimersByTime(100);
    // ...and the rest of the burst in one report.
    sent.shift();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      health: 'ok',
      postsSeen: 3,
      hidden: 1,
      changed: [
        { reason: 'spiders', action: 'collapse', count: 2 },
        { reason: 'crypto', action: 'hide', count: 1 },
      ],
    });
    reporter.postRestored('1');
    vi.advanceTimersByTime(100);
    expect(sent[1]!.changed[0]).toEqual({ reason: 'spiders', action: 'collapse', count: 1 });
  });

  it('a post judged again counts once, under its latest verdict; a reset counts nothing', () => {
    const reporter = new PageReporter(fakeAdapter, () => {}, 100);
    reporter.postModified('1', { action: 'collapse', reason: 'spiders', filterId: 'a' });
    reporter.postModified('2', { action: 'collapse', reason: 'spiders', filterId: 'a' });
    reporter.postModified('1', { action: 'hide', reason: 'crypto', filterId: 'b' });
    expect(reporter.report()).toMatchObject({
      hidden: 1,
      changed: [
        { reason: 'spiders', action: 'collapse', count: 1 },
        { reason: 'crypto', action: 'hide', count: 1 },
      ],
    });
    reporter.postRestored('2');
    reporter.postRestored('2');
    expect(reporter.report().changed).toEqual([{ reason: 'crypto', action: 'hide', count: 1 }]);
    reporter.resetVerdicts();
    expect(reporter.report()).toMatchObject({ hidden: 0, changed: [] });
  });

  it('says the site changed when a page that should show posts shows none', () => {
    const sent: PageReport[] = [];
    const reporter = new PageReporter(fakeAdapter, (r) => sent.push(r), 1000);
    expect(reporter.report().health).toBe('waiting');
    // A change of health is sent at once, not after the usual delay.
    vi.advanceTimersByTime(NO_POSTS_AFTER_MS);
    expect(sent.at(-1)!.health).toBe('no-posts');
    reporter.postSeen('1');
    expect(sent.at(-1)!.health).toBe('ok');
    const count = sent.length;
    reporter.postSeen('2');
    expect(sent).toHaveLength(count);
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)!.postsSeen).toBe(2);
  });
});
