import type { SelectorPack } from '@veneer/shared/packs';
import { afterEach, describe, expect, it } from 'vitest';
import x from '../adapters/x.ts';
import { SiteReader } from './site-reader.ts';

/** Three tweets in cells as X marks them, or (renamed) with every test id moved to another attribute. */
function showTimeline(renamed = false) {
  const id = renamed ? 'data-qa' : 'data-testid';
  document.body.innerHTML = `<main><section>${[1, 2, 3]
    .map(
      (n) => `<div ${id}="cellInnerDiv"><article ${id}="tweet">
        <a href="/someone/status/10${n}"><time>now</time></a>
        <div ${id}="tweetText">Tweet number ${n} says something about the weather today</div>
      </article></div>`,
    )
    .join('')}</section></main>`;
}

const packV2: SelectorPack = {
  ...x.pack,
  version: 2,
  selectors: { ...x.pack.selectors, post: 'article[data-qa="tweet"]', text: '[data-qa="tweetText"]' },
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SiteReader', () => {
  it('reads with the built-in pack until another is given', () => {
    showTimeline();
    const reader = new SiteReader(x);
    expect(reader.mode).toBe('pack');
    expect(reader.pack.version).toBe(1);
    const tweet = document.querySelector<HTMLElement>(reader.adapter.postSelector)!;
    expect(reader.adapter.readPost(tweet)?.text).toContain('Tweet number 1');
    expect(reader.usePack(undefined)).toEqual({ changed: false });
  });

  it('stays on the fallback when the same pack comes again (a filter changed), and leaves it for a new one', () => {
    showTimeline(true);
    const reader = new SiteReader(x);
    expect(reader.packFindsPosts()).toBe(false);
    reader.useFallback();
    expect(reader.mode).toBe('fallback');
    expect(document.querySelectorAll(reader.adapter.postSelector)).toHaveLength(3);
    // The same pack, as a new object out of storage: nothing changes.
    expect(reader.usePack(structuredClone(x.pack))).toEqual({ changed: false });
    expect(reader.usePack(undefined)).toEqual({ changed: false });
    expect(reader.mode).toBe('fallback');
    expect(reader.packFindsPosts()).toBe(false);
    // A pack that reads the new markup: the pack reads again, with its selectors.
    expect(reader.usePack(packV2)).toEqual({ changed: true });
    expect(reader.mode).toBe('pack');
    const tweet = document.querySelector<HTMLElement>(reader.adapter.postSelector)!;
    expect(reader.adapter.readPost(tweet)).toMatchObject({ author: '@someone', id: '101' });
  });

  it('keeps a newer pack that finds nothing off a page where the one in use finds posts', () => {
    showTimeline();
    const reader = new SiteReader(x);
    const findsNothing = {
      ...packV2,
      version: 3,
      selectors: { ...x.pack.selectors, post: 'article[data-none]' },
    };
    expect(reader.usePack(findsNothing)).toEqual({ changed: false, findsNothing: 3 });
    expect(reader.pack.version).toBe(1);
    // On a page with no posts yet, it is tried (nothing tells it from a page still loading).
    document.body.innerHTML = '';
    expect(reader.usePack(findsNothing)).toEqual({ changed: true });
  });

  it('refuses a pack with a selector this browser cannot parse, and keeps the one it has', () => {
    const reader = new SiteReader(x);
    const broken = { ...packV2, selectors: { ...packV2.selectors, text: 'div[' } };
    const { changed, problem } = reader.usePack(broken);
    expect(changed).toBe(false);
    expect(problem).toMatch(/selector pack 2 for X has a selector this browser cannot read \(text\)/);
    expect(reader.pack.version).toBe(1);
  });

  it('goes back to the pack once it finds posts (the page was slow, not changed)', () => {
    document.body.innerHTML = '';
    const reader = new SiteReader(x);
    reader.useFallback();
    showTimeline();
    expect(reader.packFindsPosts()).toBe(true);
    reader.usePackAgain();
    expect(reader.mode).toBe('pack');
    expect(reader.adapter.postSelector).toBe('article[data-testid="tweet"]');
  });
});
