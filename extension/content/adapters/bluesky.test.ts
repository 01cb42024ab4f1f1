import { describe, expect, it } from 'vitest';
import { blueskyAdapter } from './bluesky.ts';

const posts = () =>
  [...document.querySelectorAll<HTMLElement>(blueskyAdapter.postSelector)].map((e) =>
    blueskyAdapter.readPost(e),
  );

describe('blueskyAdapter', () => {
  it('reads feed items: permalink id, handle, text with the quoted post, feed images (not avatars)', () => {
    document.body.innerHTML = `
      <div data-testid="feedItem-by-alice.bsky.social">
        <a href="/profile/alice.bsky.social"><img src="https://cdn.bsky.app/img/avatar_thumbnail/plain/did/abc@jpeg"></a>
        <a href="/profile/alice.bsky.social/post/3kabc" aria-label="Jan 1">1h</a>
        <div data-testid="postText">Look at this   spider</div>
        <img src="https://cdn.bsky.app/img/feed_thumbnail/plain/did/cid1@jpeg">
        <div role="link"><a href="/profile/bob.test/post/3kdef">quoted</a><div data-testid="postText">the quoted post</div></div>
      </div>
      <div data-testid="feedItem-by-nolink.test"><div data-testid="postText">no permalink yet</div></div>`;
    const [alice, unlinked] = posts();
    expect(alice).toMatchObject({
      id: '/profile/alice.bsky.social/post/3kabc',
      author: 'alice.bsky.social',
      text: 'Look at this spider\nthe quoted post',
      link: `${location.origin}/profile/alice.bsky.social/post/3kabc`,
    });
    expect(alice!.images.map((i) => i.getAttribute('src'))).toEqual([
      'https://cdn.bsky.app/img/feed_thumbnail/plain/did/cid1@jpeg',
    ]);
    expect(unlinked).toBeNull();
  });
});

describe('blueskyAdapter: kinds of post', () => {
  // bsky.app's markup (social-app's PostFeedItem and PostFeedReason): a repost's reason links the
  // reposter before the author's avatar; a reply's "Replied to" line links the parent's author
  // after the author's name; a quote embeds another post's link.
  const item = (author: string, id: string, { before = '', after = '', embed = '' } = {}) => `
    <div data-testid="feedItem-by-${author}">
      ${before}
      <a href="/profile/${author}"><img src="https://cdn.bsky.app/img/avatar_thumbnail/plain/did/x@jpeg"></a>
      <a href="/profile/${author}">${author}</a>
      <a href="/profile/${author}/post/${id}">2h</a>
      ${after}
      <div><div data-testid="postText">post ${id} mentions <a href="/profile/carol.test">@carol.test</a></div></div>
      ${embed}
    </div>`;
  it('tells reposts, replies and quotes apart, a mention in the text being none of them', () => {
    document.body.innerHTML = [
      item('alice.test', '1'),
      item('alice.test', '2', {
        before: '<a href="/profile/bob.test" aria-label="Reposted by Bob">Reposted by Bob</a>',
      }),
      item('alice.test', '3', { after: '<div>Replied to <a href="/profile/dan.test">Dan</a></div>' }),
      item('alice.test', '4', {
        embed: '<div role="link"><a href="/profile/erin.test/post/9">quoted</a></div>',
      }),
      item('alice.test', '5', { before: '<div>Pinned</div>' }),
    ].join('');
    expect(posts().map((post) => post?.kinds)).toEqual([
      ['original'],
      ['repost'],
      ['reply'],
      ['quote'],
      ['original'],
    ]);
  });

  it("reads the author's verified check between the name and the handle, not a quoted author's", () => {
    // social-app's PostMeta: the name link, the check's icon in a view of its own, the handle link.
    const meta = (author: string, check: boolean) =>
      `<div><a href="/profile/${author}">Name</a>${check ? '<div><svg viewBox="0 0 24 24"><path d="M0 0"/></svg></div>' : ''}<a href="/profile/${author}">@${author}</a></div>`;
    document.body.innerHTML = [
      item('alice.test', '1', { after: meta('alice.test', true) }),
      item('alice.test', '2', { after: meta('alice.test', false) }),
      // A quoted post whose author has the check: not this post's author.
      item('alice.test', '3', {
        after: meta('alice.test', false),
        embed: `<div role="link">${meta('erin.test', true)}<a href="/profile/erin.test/post/9">quoted</a></div>`,
      }),
      // An icon next to a single link (a repost's line, an avatar) is no check.
      item('alice.test', '4', {
        before: '<a href="/profile/bob.test">Reposted by Bob</a><div><svg></svg></div>',
      }),
    ].join('');
    expect(posts().map((post) => post?.verified)).toEqual([true, false, false, false]);
  });
});
