import { describe, expect, it } from 'vitest';
import { AccountSet, admits, gateOf, parseAccountEntry, postKinds } from './accounts.ts';

describe('parseAccountEntry', () => {
  it('reads accounts, subreddits and plain names, ignoring case and spaces', () => {
    expect(parseAccountEntry(' @Alice ')).toEqual({ of: 'account', name: 'alice' });
    expect(parseAccountEntry('u/Bob')).toEqual({ of: 'account', name: 'bob' });
    expect(parseAccountEntry('/u/bob')).toEqual({ of: 'account', name: 'bob' });
    expect(parseAccountEntry('r/Pics')).toEqual({ of: 'community', name: 'r/pics' });
    expect(parseAccountEntry('Nature   Now')).toEqual({ of: 'any', name: 'nature now' });
    expect(parseAccountEntry('@')).toBeNull();
    expect(parseAccountEntry('   ')).toBeNull();
  });
});

describe('AccountSet', () => {
  it('matches a handle however the site writes it', () => {
    const set = new AccountSet(['@Alice', 'u/bob']);
    expect(set.has({ author: '@alice' })).toBe(true);
    expect(set.has({ author: 'ALICE' })).toBe(true);
    expect(set.has({ author: 'u/Bob' })).toBe(true);
    expect(set.has({ author: '@alicia' })).toBe(false);
    // A display name is not a handle: "@alice" does not name whoever calls themselves Alice.
    expect(set.has({ author: '@someone', authorName: 'Alice' })).toBe(false);
  });

  it('names a Mastodon account on any instance, or on one', () => {
    expect(new AccountSet(['@ann']).has({ author: '@ann@mastodon.social' })).toBe(true);
    expect(new AccountSet(['@ann@mastodon.social']).has({ author: '@ann@mastodon.social' })).toBe(true);
    expect(new AccountSet(['@ann@fosstodon.org']).has({ author: '@ann@mastodon.social' })).toBe(false);
    expect(
      new AccountSet(['mastodon.social']).has({
        author: '@ann@mastodon.social',
        community: 'mastodon.social',
      }),
    ).toBe(true);
  });

  it('matches communities, and plain names against handles, display names and communities', () => {
    expect(new AccountSet(['r/pics']).has({ author: 'u/x', community: 'r/Pics' })).toBe(true);
    expect(new AccountSet(['r/pics']).has({ author: 'pics' })).toBe(false);
    const names = new AccountSet(['Nature Now']);
    expect(names.has({ community: 'Nature  Now' })).toBe(true);
    expect(names.has({ authorName: 'nature now' })).toBe(true);
    expect(names.has({ author: 'naturenow' })).toBe(false);
    expect(new AccountSet(['alice.bsky.social']).has({ author: 'alice.bsky.social' })).toBe(true);
  });

  it('matches nothing about a post whose source is unknown', () => {
    expect(new AccountSet(['@alice', 'r/pics', 'name']).has({})).toBe(false);
    expect(new AccountSet([]).size).toBe(0);
  });
});

describe('postKinds', () => {
  it('adds original to a post that is no repost, quote or reply, in a fixed order', () => {
    expect(postKinds([])).toEqual(['original']);
    expect(postKinds(['promoted'])).toEqual(['original', 'promoted']);
    expect(postKinds(['reply', 'original', 'quote'])).toEqual(['quote', 'reply']);
    expect(postKinds(['short'])).toEqual(['original', 'short']);
  });
});

describe('admits', () => {
  it('lets a post through when it is from the accounts, not from the exceptions, and of the kinds', () => {
    const gate = gateOf({ from: ['r/pics'], exceptFrom: ['u/spammer'], kinds: ['original'] })!;
    expect(admits(gate, { community: 'r/pics', author: 'u/alice', kinds: ['original'] })).toBe(true);
    expect(admits(gate, { community: 'r/pics', author: 'u/spammer', kinds: ['original'] })).toBe(false);
    expect(admits(gate, { community: 'r/cats', author: 'u/alice', kinds: ['original'] })).toBe(false);
    expect(admits(gate, { community: 'r/pics', author: 'u/alice', kinds: ['repost'] })).toBe(false);
    // Kinds not known (the fallback reader): no kinds filter applies.
    expect(admits(gate, { community: 'r/pics', author: 'u/alice' })).toBe(false);
  });

  it("a badge takes only posts whose author's badge is known and as it asks; with kinds, both must hold", () => {
    const verified = gateOf({ badge: 'verified' })!;
    const none = gateOf({ badge: 'none' })!;
    expect(admits(verified, { author: '@blue', verified: true })).toBe(true);
    expect(admits(verified, { author: '@plain', verified: false })).toBe(false);
    expect(admits(none, { author: '@plain', verified: false })).toBe(true);
    expect(admits(none, { author: '@blue', verified: true })).toBe(false);
    // A site that shows no badges (Reddit, Mastodon), or the fallback reader: neither takes it.
    expect(admits(verified, { author: 'u/alice' })).toBe(false);
    expect(admits(none, { author: 'u/alice' })).toBe(false);
    const blueReplies = gateOf({ kinds: ['reply'], badge: 'verified' })!;
    expect(admits(blueReplies, { kinds: ['reply'], verified: true })).toBe(true);
    expect(admits(blueReplies, { kinds: ['original'], verified: true })).toBe(false);
    expect(admits(blueReplies, { kinds: ['reply'], verified: false })).toBe(false);
  });

  it('asks nothing when the filter names no accounts, exceptions or kinds', () => {
    expect(gateOf({ from: [], exceptFrom: [], kinds: [] })).toBeNull();
    expect(gateOf({})).toBeNull();
  });
});
