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
