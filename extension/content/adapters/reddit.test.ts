import { beforeEach, describe, expect, it } from 'vitest';
import { redditAdapter } from './reddit.ts';

beforeEach(() => {
  document.body.innerHTML = `
    <shreddit-post id="t3_abc" permalink="/r/pics/comments/abc/big_spider/" author="alice" post-title="A big spider">
      <a slot="title">A big spider</a>
      <div slot="text-body"><p>Found it   in the
      bath.</p></div>
      <span slot="credit-bar"><img class="avatar" src="https://styles.redditmedia.com/a.png"></span>
      <div slot="post-media-container"><img src="https://i.redd.it/one.jpg"></div>
    </shreddit-post>
    <shreddit-post permalink="/r/pics/comments/def/x/">
      <gallery-carousel><img src="https://i.redd.it/a.jpg"><img src="https://i.redd.it/b.jpg"></gallery-carousel>
    </shreddit-post>
    <shreddit-post></shreddit-post>`;
});

const posts = () => [...document.querySelectorAll<HTMLElement>(redditAdapter.postSelector)];

describe('redditAdapter', () => {
  it('reads id, title, body, author, link and media images (not avatars)', () => {
    const post = redditAdapter.readPost(posts()[0]!);
    expect(post).toMatchObject({
      id: 't3_abc',
      text: 'A big spider\nFound it in the bath.',
      author: 'alice',
      link: `${location.origin}/r/pics/comments/abc/big_spider/`,
    });
    expect(post?.images.map((i) => i.getAttribute('src'))).toEqual(['https://i.redd.it/one.jpg']);
  });

  it('tolerates missing parts and finds gallery images', () => {
    const post = redditAdapter.readPost(posts()[1]!);
    expect(post).toMatchObject({ id: '/r/pics/comments/def/x/', text: '', author: '' });
    expect(post?.images).toHaveLength(2);
  });

  it('skips a post without any id', () => {
    expect(redditAdapter.readPost(posts()[2]!)).toBeNull();
  });
});

describe('redditAdapter: who and what kind', () => {
  it('reads the subreddit, tells crossposts, ads (their own element) and comments (replies)', () => {
    // Reddit's markup as other extensions read it: ads are <shreddit-ad-post promoted> with a
    // post's attributes (their "subreddit" the advertiser's profile); crossposts have
    // post-type="crosspost"; comments are <shreddit-comment>.
    document.body.innerHTML = `
      <shreddit-post id="t3_1" permalink="/r/pics/comments/1/x/" author="alice" subreddit-prefixed-name="r/pics" post-title="Original" post-type="image"></shreddit-post>
      <shreddit-post id="t3_2" permalink="/r/pics/comments/2/x/" author="bob" subreddit-prefixed-name="r/pics" post-title="Crossposted" post-type="crosspost" is-crosspost></shreddit-post>
      <shreddit-ad-post promoted author="brand" subreddit-prefixed-name="u/brand" post-title="Buy the thing" permalink="/user/brand/comments/ad1/x/"></shreddit-ad-post>
      <shreddit-ad-post promoted post-title="An ad without links"></shreddit-ad-post>
      <shreddit-comment thingid="t1_c" author="carol" permalink="/r/pics/comments/1/x/c/"><div slot="comment">A reply</div></shreddit-comment>`;
    const read = posts().map((element) => redditAdapter.readPost(element));
    expect(read.map((post) => post?.kinds)).toEqual([
      ['original'],
      ['repost'],
      ['original', 'promoted'],
      ['original', 'promoted'],
      ['reply'],
    ]);
    expect(read[0]).toMatchObject({ author: 'alice', community: 'r/pics' });
    expect(read[2]).toMatchObject({
      id: '/user/brand/comments/ad1/x/',
      author: 'brand',
      community: undefined,
    });
    expect(read[3]).toMatchObject({ id: 'ad:An ad without links', text: 'An ad without links' });
  });
});
